// A property of a module-private const object that never escapes (case 24): the property leaves the
// object and gets its own storage; the other properties stay shared, as before.
import { AsyncLocalStorage } from 'node:async_hooks';

const state = {
  hits: 0,
  label: 'app',
};
const userStorage = new AsyncLocalStorage<string | null>();

export function asUser<T>(user: string, fn: () => T): T {
  return userStorage.run(user, () => {
    state.hits++;
    return fn();
  });
}

export function describe(): string {
  const user = userStorage.getStore() ?? null;
  return `${state.label}:${user ?? 'anonymous'}`;
}

export function hits(): number {
  return state.hits;
}
