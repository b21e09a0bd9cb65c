import type { Merged } from './lib/values';
export let m: Merged | undefined;
