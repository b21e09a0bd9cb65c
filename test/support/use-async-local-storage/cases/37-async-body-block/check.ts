// EXPECT: isolate
import { traced, drain, currentTrace } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  await traced('t1', async () => {
    await sleep(1);
    await traced('t2', async () => S('inner', currentTrace()));
    return 1;
  });
  S(drain(), currentTrace());
  await traced('t3', () => {
    throw new Error('sync throw');
  }).catch((e: Error) => S('rejected', e.message, currentTrace()));
  S(drain());
  const task = (id: string, delay: number) =>
    traced(id, async () => {
      await sleep(delay);
      return expectValue(`${id} after await`, currentTrace(), id);
    });
  const checks = await Promise.all([task('A', 5), task('B', 20)]);
  drain();
  verdict(checks);
});
