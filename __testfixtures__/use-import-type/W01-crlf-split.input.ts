import {
  run, // runs
  Opts
} from './lib/api';
run({} as Opts);
