// EXPECT: isolate
import { during, currentPhase, events } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S('outside', currentPhase());
  await during('load', async () => {
    S('in load', currentPhase());
    await sleep(1);
    await during('parse', async () => S('in parse', currentPhase()));
    S('back in load', currentPhase());
  });
  await during('fail', async () => {
    await sleep(1);
    throw new Error('boom');
  }).catch((e: Error) => S('caught', e.message, currentPhase()));
  S('events', events.splice(0));

  const checks: boolean[] = [];
  const task = (name: string, delay: number) =>
    during(name, async () => {
      await sleep(delay);
      checks.push(expectValue(`${name} after await`, currentPhase(), name));
    });
  await Promise.all([task('A', 5), task('B', 20)]);
  checks.push(expectValue('outside after both', currentPhase(), 'idle'));
  events.splice(0);
  verdict(checks);
});
