import { C } from './lib/values';
export function useC(c: C): number { return c.x; }
