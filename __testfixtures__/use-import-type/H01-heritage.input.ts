import { AC } from './lib/values';
import { I } from './lib/types';
export class Impl extends AC implements I { a = 1; run(): void {} }
