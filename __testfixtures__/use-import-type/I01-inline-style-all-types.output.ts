import { type I, type T } from './lib/types';
export let a: I | T | undefined;
