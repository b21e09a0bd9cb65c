import * as types from './lib/types';
export { types };
