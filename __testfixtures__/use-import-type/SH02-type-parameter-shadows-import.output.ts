import type { I } from './lib/types';
import { C } from './lib/values';
export function id<I>(x: I): I { return x; }
export const c = new C();
