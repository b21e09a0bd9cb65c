// Besides a scope, the slot is written through destructuring.
let level = 0;
let label = '';

export function atLevel<T>(next: number, fn: () => T): T {
  const prev = level;
  level = next;
  try {
    return fn();
  } finally {
    level = prev;
  }
}

export function reset(pair: [number, string]): void {
  [level, label] = pair;
}

export function describeLevel(): string {
  return `${label}${level}`;
}
