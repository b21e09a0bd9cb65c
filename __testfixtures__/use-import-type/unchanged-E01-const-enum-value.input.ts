import { CE } from './lib/values';
export const a = CE.A;
