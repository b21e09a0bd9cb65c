import type { Opts } from './lib/api';
export const Opts = { empty: {} as Opts };
export function make(o?: Opts): Opts { return o ?? Opts.empty; }
