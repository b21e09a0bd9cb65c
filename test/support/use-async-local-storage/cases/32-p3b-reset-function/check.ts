// EXPECT: isolate
import { withLocale, translate } from './mod.js';
import { S, sleep, expectValue, verdict, main } from '../harness.js';

main(async () => {
  S(translate('hello'));
  withLocale('fr', () => {
    S(translate('bonjour'));
    withLocale('de', () => S(translate('hallo')));
    S(translate('encore'));
  });
  try {
    withLocale('it', () => {
      throw new Error('x');
    });
  } catch {
    S('after throw', translate('hello'));
  }
  const task = (locale: string, delay: number) =>
    withLocale(locale, async () => {
      await sleep(delay);
      return expectValue(`${locale} after await`, translate('k'), `k@${locale}`);
    });
  verdict(await Promise.all([task('fr', 20), task('de', 5)]));
});
