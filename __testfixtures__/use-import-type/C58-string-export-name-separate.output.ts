export type { I as 'i-face' } from './lib/types';
