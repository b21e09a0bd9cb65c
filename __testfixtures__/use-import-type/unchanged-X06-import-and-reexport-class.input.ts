import { C } from './lib/values';
export { C };
export let c: C | undefined;
