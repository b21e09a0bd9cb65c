import {
  run // runs
} from './lib/api';
import type {
  Opts
} from './lib/api';
run({} as Opts);
