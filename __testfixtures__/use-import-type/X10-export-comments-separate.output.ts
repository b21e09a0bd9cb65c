export type {
  // the options
  Opts, // trailing for Opts
} from './lib/api';
export {
  run,
} from './lib/api';
