import { type Opts as Options, run as go } from './lib/api';
const o: Options = {};
go(o);
