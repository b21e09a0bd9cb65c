import { I } from './lib/types' with { type: 'json' };
export let i: I | undefined;
