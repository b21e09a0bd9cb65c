import type { T } from './lib/types';
export type { T };
export let t: T | undefined;
