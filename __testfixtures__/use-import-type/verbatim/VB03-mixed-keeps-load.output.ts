import { type SideT, SideV } from './lib/side';
export let s: SideT | undefined = SideV;
