import type { C } from './lib/chain-t';
