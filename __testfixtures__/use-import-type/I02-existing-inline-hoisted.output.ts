import type { I, T } from './lib/types';
export let a: I | T | undefined;
