// A scope inside a generator whose body has no `yield` is fine (case 30); reads in generators stay
// inline because each resumption runs in the context of the caller of next().
import { AsyncLocalStorage } from 'node:async_hooks';

const labelStorage = new AsyncLocalStorage<string>();

export function describe(): string {
  const label = labelStorage.getStore() ?? 'root';
  return `<${label}>`;
}

export function* tagged(items: readonly string[]): Generator<string> {
  for (const item of items) {
    const text: string = labelStorage.run(item, () => describe());
    yield `${text} in ${labelStorage.getStore() ?? 'root'}`;
  }
}

export function withLabel<T>(next: string, fn: () => T): T {
  return labelStorage.run(next, () => fn());
}
