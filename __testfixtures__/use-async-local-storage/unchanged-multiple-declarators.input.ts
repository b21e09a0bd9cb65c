// Two slots declared in one statement: left alone (the statement cannot be split safely).
let a = 'a0', b = 'b0';

export function withA<T>(v: string, fn: () => T): T {
  const prev = a;
  a = v;
  try {
    return fn();
  } finally {
    a = prev;
  }
}

export function both(): string {
  b = a;
  return `${a}${b}`;
}
