export { I, T } from './types';
