import { I } from './lib/types';
export function f(I: number): number { return I; }
export let i: I | undefined;
