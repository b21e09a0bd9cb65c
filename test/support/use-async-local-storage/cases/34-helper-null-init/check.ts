// EXPECT: isolate
import { withTheme, currentTheme, themeClass } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S(currentTheme(), themeClass());
  withTheme(null, () => {
    S('null scope', currentTheme(), themeClass());
    withTheme('dark', () => S('dark', currentTheme(), themeClass()));
  });
  S('after', currentTheme());
  const task = (next: string | null, delay: number) =>
    withTheme(next, async () => {
      await sleep(delay);
      return expectValue(`${String(next)} after await`, currentTheme(), next);
    });
  verdict(await Promise.all([task(null, 20), task('dark', 5)]));
});
