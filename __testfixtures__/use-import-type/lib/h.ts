export function h(..._args: unknown[]): unknown { return null; }
export function Frag(): unknown { return null; }
export interface VNode { v: 1 }
