// EXPECT: isolate
import { asUser, describe, hits } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S(describe(), hits());
  asUser('ann', () => {
    S(describe());
    asUser('bob', () => S(describe()));
    S(describe());
  });
  S(describe(), hits());
  const task = (user: string, delay: number) =>
    asUser(user, async () => {
      await sleep(delay);
      return expectValue(`${user} after await`, describe(), `app:${user}`);
    });
  verdict(await Promise.all([task('A', 5), task('B', 20)]));
});
