import { CE } from './lib/values';
export let a: CE | undefined;
