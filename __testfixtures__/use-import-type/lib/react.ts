export function createElement(..._args: unknown[]): unknown { return null; }
export const Fragment = 'fragment';
export interface Props { p: 1 }
