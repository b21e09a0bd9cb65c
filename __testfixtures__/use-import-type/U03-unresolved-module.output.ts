import { type Missing, Unused } from './lib/does-not-exist';
export let m: Missing | undefined;
