import { C } from './lib/chain-t';
