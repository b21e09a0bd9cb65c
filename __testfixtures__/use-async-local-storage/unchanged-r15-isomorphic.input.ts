// Isomorphic module: it checks for a browser at run time, so a static node:async_hooks import would break the bundle.
let locale = 'en';

export function withLocale<T>(next: string, fn: () => T): T {
  const prev = locale;
  locale = next;
  try {
    return fn();
  } finally {
    locale = prev;
  }
}

export function detectLocale(): string {
  return typeof window !== 'undefined' ? window.navigator.language : locale;
}
