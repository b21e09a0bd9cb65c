// eslint-disable-next-line import/no-cycle
import type { Opts } from './lib/api';
// eslint-disable-next-line import/no-cycle
import { run } from './lib/api';
run({} as Opts);
