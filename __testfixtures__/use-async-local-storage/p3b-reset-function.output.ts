// P3b: a private setter returns a function that restores the previous value.
import { AsyncLocalStorage } from 'node:async_hooks';

const currentLocaleStorage = new AsyncLocalStorage<string>();

export function withLocale<T>(locale: string, fn: () => T): T {
  return currentLocaleStorage.run(locale, () => fn());
}

export function translate(key: string): string {
  const currentLocale = currentLocaleStorage.getStore() ?? 'en';
  return `${key}@${currentLocale}`;
}
