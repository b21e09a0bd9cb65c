import type { I } from './lib/types';
export type { I };
