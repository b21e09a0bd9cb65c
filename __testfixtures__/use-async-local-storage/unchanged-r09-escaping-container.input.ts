// The span stack is mutated in place and handed out by getSpanStack(): identity is shared with callers.
let spans: string[] = [];

export function withSpan<T>(name: string, fn: () => T): T {
  const prev = spans;
  spans = [...prev, name];
  try {
    return fn();
  } finally {
    spans = prev;
  }
}

export function annotate(note: string): void {
  spans.push(note);
}

export function getSpanStack(): string[] {
  return spans;
}
