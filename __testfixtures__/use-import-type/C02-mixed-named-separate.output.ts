import type { Opts } from './lib/api';
import { run } from './lib/api';
const o: Opts = {};
run(o);
