export * from './lib/only-types';
