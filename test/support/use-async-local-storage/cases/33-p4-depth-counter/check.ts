// EXPECT: isolate
import { nested, indented, line, currentDepth } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S(line('top'));
  nested(() => {
    S(line('one'));
    nested(() => S(line('two'), currentDepth()));
    S(line('one again'));
  });
  await indented(2, async () => {
    await sleep(1);
    S(line('indented'));
    await indented(3, async () => S(line('more')));
  });
  S(line('end'), currentDepth());

  const checks: boolean[] = [];
  const task = (levels: number, delay: number): Promise<void> =>
    levels === 0
      ? sleep(delay).then(() => {
          checks.push(expectValue(`depth after ${delay}ms`, currentDepth(), delay === 20 ? 2 : 1));
        })
      : nested(() => task(levels - 1, delay));
  await Promise.all([task(2, 20), task(1, 5)]);
  verdict(checks);
});
