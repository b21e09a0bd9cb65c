export { Opts, run } from './lib/api';
