// Pattern P1 with a derived value: the new value is computed from the saved one (logger context).
import { AsyncLocalStorage } from 'node:async_hooks';

export type Fields = Readonly<Record<string, string | number>>;

const fieldsStorage = new AsyncLocalStorage<Fields>();
const fieldsInitial: Fields = {};

export function withFields<T>(extra: Fields, fn: () => T): T {
  const saved = fieldsStorage.getStore() ?? fieldsInitial;
  return fieldsStorage.run({ ...saved, ...extra }, () => fn());
}

export function format(message: string): string {
  const fields = fieldsStorage.getStore() ?? fieldsInitial;
  const parts = Object.entries(fields).map(([key, value]) => `${key}=${value}`);
  return parts.length > 0 ? `${message} {${parts.join(' ')}}` : message;
}

export function isRootContext(): boolean {
  const fields = fieldsStorage.getStore() ?? fieldsInitial;
  return Object.keys(fields).length === 0;
}
