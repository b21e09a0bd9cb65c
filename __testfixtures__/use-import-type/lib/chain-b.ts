export * from './chain-a';
