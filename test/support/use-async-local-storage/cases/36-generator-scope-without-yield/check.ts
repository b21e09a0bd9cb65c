// EXPECT: isolate
import { tagged, describe, withLabel } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  for (const text of tagged(['a', 'b'])) S(text, describe());
  const gen = withLabel('outer', () => tagged(['c']));
  S('created in outer', gen.next().value);
  withLabel('consumer', () => S('next in consumer', gen.next().done));
  const task = (name: string, delay: number) =>
    withLabel(name, async () => {
      await sleep(delay);
      return expectValue(`${name} after await`, describe(), `<${name}>`);
    });
  verdict(await Promise.all([task('x', 20), task('y', 5)]));
});
