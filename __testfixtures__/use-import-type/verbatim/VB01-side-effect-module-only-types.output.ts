import type { SideT } from './lib/side';
export let s: SideT | undefined;
