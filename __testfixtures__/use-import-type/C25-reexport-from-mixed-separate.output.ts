export type { Opts } from './lib/api';
export { run } from './lib/api';
