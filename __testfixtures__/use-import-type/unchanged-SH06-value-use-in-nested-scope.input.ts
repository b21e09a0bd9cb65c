import { f } from './lib/values';
export function g(x: number): number { const y = x; return f() + y; }
export type F = typeof f;
