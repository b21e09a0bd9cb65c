import type { E } from './lib/values';
export function k(): E | undefined { try { return undefined; } catch (E) { void E; return undefined; } }
