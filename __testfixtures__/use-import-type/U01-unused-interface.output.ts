import type { I } from './lib/types';
