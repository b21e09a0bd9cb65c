import type { Opts as Options } from './lib/api';
import { run as go } from './lib/api';
const o: Options = {};
go(o);
