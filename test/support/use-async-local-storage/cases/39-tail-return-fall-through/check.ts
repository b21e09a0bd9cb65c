// EXPECT: same
import { maybe, seenValues } from './mod.js';
import { S, main } from '../harness.js';

main(() => {
  S(maybe(true, ['a', 'b']), seenValues());
  S(maybe(false, ['c', '!stop', 'd']), seenValues());
  S(maybe(true, []), seenValues());
});
