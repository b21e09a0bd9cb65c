import { I } from './lib/types';
