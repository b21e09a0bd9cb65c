// The type excludes undefined, but a value set in a scope is typed any and may be undefined at run
// time: `getStore() ?? INIT` would turn it into INIT, so the store holds a read-only box.
import { AsyncLocalStorage } from 'node:async_hooks';

const settingsStorage = new AsyncLocalStorage<{ readonly value: Record<string, string> }>();
const settingsRoot: { readonly value: Record<string, string> } = { value: { mode: 'default' } };

export function withSettings<T>(json: string, fn: () => T): T {
  return settingsStorage.run({ value: JSON.parse(json) }, () => fn());
}

export function current(): Record<string, string> {
  return (settingsStorage.getStore() ?? settingsRoot).value;
}
