// CRLF line endings are kept in the new text.
let depth = 0;

export function deeper<T>(fn: () => T): T {
  depth += 1;
  try {
    return fn();
  } finally {
    depth -= 1;
  }
}

export function currentDepth(): number {
  return depth;
}
