// EXPECT: isolate
import { attempt, retried, retryCount } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  retried();
  S('root', retryCount());
  await attempt(async () => {
    S('fresh', retryCount());
    retried();
    await sleep(1);
    retried(2);
    S('after retries', retryCount());
    await attempt(async () => S('nested fresh', retryCount()));
    S('nested restored', retryCount());
  });
  S('root restored', retryCount());

  const task = (n: number, delay: number) =>
    attempt(async () => {
      retried(n);
      await sleep(delay);
      return expectValue(`attempt with ${n} retries`, retryCount(), n);
    });
  verdict(await Promise.all([task(1, 5), task(5, 20)]));
});
