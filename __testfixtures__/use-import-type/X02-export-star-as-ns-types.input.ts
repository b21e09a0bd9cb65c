export * as ot from './lib/only-types';
