export * from './lib/chain-b';
