/** @jsx h */
import { h, VNode } from './lib/h';

export const el = (<div />) as unknown as VNode;
