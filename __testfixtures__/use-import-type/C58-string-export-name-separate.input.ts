export { I as 'i-face' } from './lib/types';
