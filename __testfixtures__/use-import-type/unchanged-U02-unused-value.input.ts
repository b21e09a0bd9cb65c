import { v } from './lib/values';
