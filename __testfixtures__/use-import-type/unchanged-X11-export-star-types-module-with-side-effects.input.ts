export * from './lib/side';
