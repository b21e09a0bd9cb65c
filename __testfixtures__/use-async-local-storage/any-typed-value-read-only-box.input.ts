// The type excludes undefined, but a value set in a scope is typed any and may be undefined at run
// time: `getStore() ?? INIT` would turn it into INIT, so the store holds a read-only box.
let settings: Record<string, string> = { mode: 'default' };

export function withSettings<T>(json: string, fn: () => T): T {
  const saved = settings;
  settings = JSON.parse(json);
  try {
    return fn();
  } finally {
    settings = saved;
  }
}

export function current(): Record<string, string> {
  return settings;
}
