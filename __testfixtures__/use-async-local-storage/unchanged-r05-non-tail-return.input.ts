// `return` inside the scope body, but the try statement is followed by more code.
let mode = 'normal';

export function withMode(next: string, fn: () => number): number {
  const prev = mode;
  mode = next;
  try {
    if (fn() > 0) return 1;
  } finally {
    mode = prev;
  }
  return 0;
}

export function currentMode(): string {
  return mode;
}
