export { T as default } from './lib/types';
