import type {
  // leading comment for Opts
  Opts, // trailing comment for Opts
} from './lib/api';
import {
  /* block comment for run */ run,
} from './lib/api';
const o: Opts = {};
run(o);
