import { key } from './lib/values';
export class K { [key] = 'x'; }
