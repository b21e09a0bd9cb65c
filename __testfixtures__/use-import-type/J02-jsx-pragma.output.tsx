/** @jsx h */
import { h, type VNode } from './lib/h';

export const el = (<div />) as unknown as VNode;
