globalThis.console.log('side effect');
export interface SideT { s: 1 }
export const SideV = undefined;
