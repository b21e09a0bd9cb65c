// The type includes null but not undefined and the initial value is not null: `getStore() ?? INIT`
// would turn an explicit null scope into INIT, so reads go through a helper (case 13).
import { AsyncLocalStorage } from 'node:async_hooks';

const themeStorage = new AsyncLocalStorage<string | null>();

function readTheme(): string | null {
  const store = themeStorage.getStore();
  return store === undefined ? 'light' : store;
}

export function withTheme<T>(next: string | null, fn: () => T): T {
  return themeStorage.run(next, () => fn());
}

export function currentTheme(): string | null {
  return readTheme();
}

export function themeClass(): string {
  const theme = readTheme();
  return theme === null ? 'no-theme' : `theme-${theme}`;
}
