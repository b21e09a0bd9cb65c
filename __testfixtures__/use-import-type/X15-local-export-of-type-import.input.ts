import type { I } from './lib/types';
export { I };
