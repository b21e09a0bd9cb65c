import { Opts, run } from './lib/api';
const o: Opts = {};
run(o);
