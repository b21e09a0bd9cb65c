import { C } from './lib/values';
export const c: C = new C();
