import type DefaultClass from './lib/values';
import { f } from './lib/values';
f();
export let d: DefaultClass | undefined;
