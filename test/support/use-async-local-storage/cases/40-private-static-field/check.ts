// EXPECT: isolate
import { Tracer } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S(Tracer.current());
  Tracer.withSpan({ name: 'a' }, () => {
    S(Tracer.current());
    Tracer.withSpan({ name: 'b' }, () => S(Tracer.current()));
    S(Tracer.current());
  });
  S(Tracer.current());
  const task = (name: string, delay: number) =>
    Tracer.withSpan({ name }, async () => {
      await sleep(delay);
      return expectValue(`${name} after await`, Tracer.current(), `${name}@1`);
    });
  verdict(await Promise.all([task('A', 5), task('B', 20)]));
});
