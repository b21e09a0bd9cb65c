// EXPECT: differs
import { rowsOf, describe } from './mod.js';
import { S, main } from '../harness.js';

main(() => {
  for (const row of rowsOf('users', [1, 2])) S(row, 'consumer sees', describe(0));
  S('after loop', describe(0));
});
