import type DefaultClass from './lib/values';
import type { C } from './lib/values';
export let a: DefaultClass | C | undefined;
