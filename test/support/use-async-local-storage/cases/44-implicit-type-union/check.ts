// EXPECT: isolate
import { runJob, jobLabel } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S(jobLabel());
  runJob('a', () => {
    S(jobLabel());
    runJob('b', () => S(jobLabel()));
    S(jobLabel());
  });
  S(jobLabel());
  const task = (id: string, delay: number) =>
    runJob(id, async () => {
      await sleep(delay);
      return expectValue(`${id} after await`, jobLabel(), `job ${id}`);
    });
  verdict(await Promise.all([task('x', 5), task('y', 20)]));
});
