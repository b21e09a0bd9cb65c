// The private setter returns the previous value but is also called on its own, outside any scope.
let current: string | null = null;

function setCurrent(next: string | null): string | null {
  const prev = current;
  current = next;
  return prev;
}

export function withCurrent<T>(next: string, fn: () => T): T {
  const prev = setCurrent(next);
  try {
    return fn();
  } finally {
    setCurrent(prev);
  }
}

export function forceCurrent(next: string): void {
  setCurrent(next);
}

export function getCurrent(): string | null {
  return current;
}
