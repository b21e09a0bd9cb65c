// `var` is undefined before its declaration; module code reads it there, a const storage would throw.
export const early = String(current);

export function withCurrent<T>(next: string, fn: () => T): T {
  const prev = current;
  current = next;
  try {
    return fn();
  } finally {
    current = prev;
  }
}

var current = 'initial';
