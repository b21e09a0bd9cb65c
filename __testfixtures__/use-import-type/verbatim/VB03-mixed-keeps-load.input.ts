import { SideT, SideV } from './lib/side';
export let s: SideT | undefined = SideV;
