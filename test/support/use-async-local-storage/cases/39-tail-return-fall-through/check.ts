// EXPECT: same
import { maybe, seenValues } from './mod';
import { S, main } from '../harness';

main(() => {
  S(maybe(true, ['a', 'b']), seenValues());
  S(maybe(false, ['c', '!stop', 'd']), seenValues());
  S(maybe(true, []), seenValues());
});
