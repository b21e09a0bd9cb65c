import type { I, T } from './lib/types';
export const a: I = { a: 1 };
export const b: T = { b: '' };
