import { I } from './lib/types';
export let i: I | undefined;
