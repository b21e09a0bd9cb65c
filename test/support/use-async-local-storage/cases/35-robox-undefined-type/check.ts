// EXPECT: isolate
import { inRegion, currentRegion, endpoint } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S(currentRegion(), endpoint());
  inRegion(undefined, () => {
    S('undefined scope', currentRegion(), endpoint());
    inRegion('us', () => S('us', currentRegion(), endpoint()));
  });
  S('after', currentRegion());
  const task = (next: string | undefined, delay: number) =>
    inRegion(next, async () => {
      await sleep(delay);
      return expectValue(`${String(next)} after await`, currentRegion(), next);
    });
  verdict(await Promise.all([task(undefined, 20), task('us', 5)]));
});
