// EXPECT: isolate
import { withRequest, bindRequest, currentRequest } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  const report = bindRequest((label: string) => `${label}:${currentRequest()}`);
  const bound = withRequest('r1', () => bindRequest((label: string) => `${label}:${currentRequest()}`));
  S(report('root'), bound('bound'), currentRequest());
  withRequest('r2', () => S(report('root in r2'), bound('bound in r2'), currentRequest()));

  const checks: boolean[] = [];
  const task = (id: string, delay: number) =>
    withRequest(id, async () => {
      const later = bindRequest(async () => {
        await sleep(delay);
        return currentRequest();
      });
      await sleep(1);
      checks.push(expectValue(`${id} bound after await`, await later(), id));
    });
  await Promise.all([task('A', 5), task('B', 20)]);
  verdict(checks);
});
