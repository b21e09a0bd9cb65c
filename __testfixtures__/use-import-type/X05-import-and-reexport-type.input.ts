import { T } from './lib/types';
export { T };
export let t: T | undefined;
