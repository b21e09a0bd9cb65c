// P4: a nesting depth incremented around work and decremented in finally (sync and async, by 1 and by k).
let depth = 0;
let indentWidth = 0;

export function nested<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
}

export async function indented<T>(width: number, fn: () => Promise<T>): Promise<T> {
  indentWidth += width;
  try {
    return await fn();
  } finally {
    indentWidth -= width;
  }
}

export function line(text: string): string {
  return `${' '.repeat(indentWidth)}${depth}:${text}`;
}

export function currentDepth(): number {
  return depth;
}
