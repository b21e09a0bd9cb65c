// The type includes undefined and the initial value is not undefined: a scope set to undefined must
// read undefined, not the initial value, so the store holds a read-only box (case 12).
import { AsyncLocalStorage } from 'node:async_hooks';

const regionStorage = new AsyncLocalStorage<{ readonly value: string | undefined }>();
const regionRoot: { readonly value: string | undefined } = { value: 'eu' };

export function inRegion<T>(next: string | undefined, fn: () => T): T {
  return regionStorage.run({ value: next }, () => fn());
}

export function currentRegion(): string | undefined {
  return (regionStorage.getStore() ?? regionRoot).value;
}

export function endpoint(): string {
  const region = (regionStorage.getStore() ?? regionRoot).value;
  const r = region ?? 'global';
  return `https://${r}.example.com`;
}
