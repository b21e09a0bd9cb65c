import { I } from './lib/types';
export const o = {} as I;
export const p = { a: 1 } satisfies I;
export const m = new Map<string, I>();
