export type * from './lib/chain-b';
