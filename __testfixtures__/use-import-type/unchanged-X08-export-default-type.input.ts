import { I } from './lib/types';
export default I;
