import DefaultClass, { f } from './lib/values';
f();
export let d: DefaultClass | undefined;
