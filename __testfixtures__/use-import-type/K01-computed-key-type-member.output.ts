import type { key } from './lib/values';
export interface WithKey { [key]: string }
