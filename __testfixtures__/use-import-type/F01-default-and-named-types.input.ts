import DefaultClass, { C } from './lib/values';
export let a: DefaultClass | C | undefined;
