export type * as ot from './lib/only-types';
