export {
  // the options
  Opts, // trailing for Opts
  run,
} from './lib/api';
