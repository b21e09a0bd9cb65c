import type { TNS } from './lib/values';
export let o: TNS.Only | undefined;
