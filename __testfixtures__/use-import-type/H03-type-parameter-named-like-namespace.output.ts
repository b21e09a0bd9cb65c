import type * as types from './lib/types';
export interface Up<types = types.I> { x: types }
