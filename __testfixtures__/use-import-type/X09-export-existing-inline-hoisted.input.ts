export { type I, T } from './lib/types';
