export { CE } from './lib/values';
