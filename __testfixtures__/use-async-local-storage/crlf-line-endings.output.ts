// CRLF line endings are kept in the new text.
import { AsyncLocalStorage } from 'node:async_hooks';

const depthStorage = new AsyncLocalStorage<number>();

export function deeper<T>(fn: () => T): T {
  return depthStorage.run((depthStorage.getStore() ?? 0) + 1, () => fn());
}

export function currentDepth(): number {
  return depthStorage.getStore() ?? 0;
}
