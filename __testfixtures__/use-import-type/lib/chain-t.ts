export type { C } from './values';
