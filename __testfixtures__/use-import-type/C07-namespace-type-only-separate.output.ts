import type * as types from './lib/types';
export let x: types.I | undefined;
