import {
  // leading comment for Opts
  Opts, // trailing comment for Opts
  /* block comment for run */ run,
} from './lib/api';
const o: Opts = {};
run(o);
