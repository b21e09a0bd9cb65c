export type { T as default } from './lib/types';
