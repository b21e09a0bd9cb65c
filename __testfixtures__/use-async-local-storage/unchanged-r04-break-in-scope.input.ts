// `break` inside the scope body leaves the loop around it: the body cannot move into a callback.
let current = '';

export function firstValid(names: readonly string[], valid: () => boolean): string | undefined {
  let found: string | undefined;
  for (const name of names) {
    const prev = current;
    current = name;
    try {
      if (valid()) {
        found = name;
        break;
      }
    } finally {
      current = prev;
    }
  }
  return found;
}

export function currentName(): string {
  return current;
}
