import type { I } from './lib/types';
import { T } from './lib/types';
import { I2 } from './lib/types';
export let a: I | T | I2 | undefined;
