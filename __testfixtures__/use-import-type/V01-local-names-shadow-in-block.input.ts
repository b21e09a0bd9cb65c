import { T } from './lib/types';
export function g(): number { const T = 1; return T; }
export let t: T | undefined;
