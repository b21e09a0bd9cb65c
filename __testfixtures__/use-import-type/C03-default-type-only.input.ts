import DefaultClass from './lib/values';
export let d: DefaultClass | undefined;
