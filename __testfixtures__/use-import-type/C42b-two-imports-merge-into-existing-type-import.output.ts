import type { I, T, I2 } from './lib/types';
export let a: I | T | I2 | undefined;
