// EXPECT: differs
import { migrate } from './mod.js';
import { S, sleep, main } from '../harness.js';

main(async () => {
  const results = await Promise.all([migrate(() => sleep(10)), migrate(() => sleep(1))]);
  S('concurrent migrations', results);
});
