import { f } from './lib/values';
export function g(): number { const f = () => 2; return f(); }
export type F = typeof f;
