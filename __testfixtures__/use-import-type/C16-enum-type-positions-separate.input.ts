import { E } from './lib/values';
export let e: E | undefined;
export type OnlyA = E.A;
