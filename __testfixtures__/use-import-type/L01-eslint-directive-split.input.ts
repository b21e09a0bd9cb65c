// eslint-disable-next-line import/no-cycle
import { Opts, run } from './lib/api';
run({} as Opts);
