// P3b: a private setter returns a function that restores the previous value.
let currentLocale = 'en';

function setLocale(locale: string): () => void {
  const prev = currentLocale;
  currentLocale = locale;
  return () => {
    currentLocale = prev;
  };
}

export function withLocale<T>(locale: string, fn: () => T): T {
  const reset = setLocale(locale);
  try {
    return fn();
  } finally {
    reset();
  }
}

export function translate(key: string): string {
  return `${key}@${currentLocale}`;
}
