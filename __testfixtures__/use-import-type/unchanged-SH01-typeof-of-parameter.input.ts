import { v } from './lib/values';
export function g(v: string): typeof v { return v; }
