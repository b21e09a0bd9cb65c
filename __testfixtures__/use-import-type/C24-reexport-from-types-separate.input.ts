export { I, T } from './lib/types';
