import { NS } from './lib/values';
import K = NS.K;
export let k: K | undefined;
