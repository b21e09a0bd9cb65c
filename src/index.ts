/**
 * The public Node API of codemigrate: `migrate(options)` returns the report data and prints nothing;
 * `defineTransform` and `option` declare transforms.
 */
export { defineTransform, option } from './transform-api/define-transform.js';
export type * from './transform-api/types.js';
