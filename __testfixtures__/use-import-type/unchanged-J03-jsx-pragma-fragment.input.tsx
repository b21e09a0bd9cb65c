/** @jsx h */
/** @jsxFrag Frag */
import { h, Frag } from './lib/h';

export const el = <><div /></>;
