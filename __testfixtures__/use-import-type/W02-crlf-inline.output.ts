import { run, type Opts } from './lib/api';
run({} as Opts);
