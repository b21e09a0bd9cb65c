// NAIVE conversion (what the codemod must NOT emit): run() restores the outer value on exit, while the
// original resets to null, so code after a nested scope sees a different value.
import { AsyncLocalStorage } from 'node:async_hooks';

const sectionStorage = new AsyncLocalStorage<string | null>();

export function inSection<T>(name: string, fn: () => T): T {
  return sectionStorage.run(name, () => fn());
}

export function currentSection(): string | null {
  return sectionStorage.getStore() ?? null;
}
