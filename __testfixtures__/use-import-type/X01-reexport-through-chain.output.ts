export type { I } from './lib/chain-b';
