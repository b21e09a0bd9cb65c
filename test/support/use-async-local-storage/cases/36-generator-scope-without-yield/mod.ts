// A scope inside a generator whose body has no `yield` is fine (case 30); reads in generators stay
// inline because each resumption runs in the context of the caller of next().
let label = 'root';

export function describe(): string {
  return `<${label}>`;
}

export function* tagged(items: readonly string[]): Generator<string> {
  for (const item of items) {
    const prev = label;
    label = item;
    let text: string;
    try {
      text = describe();
    } finally {
      label = prev;
    }
    yield `${text} in ${label}`;
  }
}

export function withLabel<T>(next: string, fn: () => T): T {
  const prev = label;
  label = next;
  try {
    return fn();
  } finally {
    label = prev;
  }
}
