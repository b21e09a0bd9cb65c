export type * from './lib/only-types';
