import { run, Opts } from './lib/api';
run({} as Opts);
