import { v } from './lib/values';
export function h(): number { if (Math.random()) { var v = 1; } return v ?? 0; }
export type V = typeof v;
