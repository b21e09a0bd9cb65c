import type { v, f } from './lib/values';
export type V = typeof v;
export type F = ReturnType<typeof f>;
