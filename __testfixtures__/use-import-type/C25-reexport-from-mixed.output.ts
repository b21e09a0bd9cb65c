export { type Opts, run } from './lib/api';
