// Box form with async scopes: a per-attempt retry counter bumped by unscoped writes (retried()) inside
// the scope; outside any scope the writes go to the root box, exactly like the old global.
import { AsyncLocalStorage } from 'node:async_hooks';

const retriesStorage = new AsyncLocalStorage<{ value: number }>();
const retriesRoot: { value: number } = { value: 0 };

function retriesBox(): { value: number } {
  return retriesStorage.getStore() ?? retriesRoot;
}

export async function attempt<T>(fn: () => Promise<T>): Promise<T> {
  return await retriesStorage.run({ value: 0 }, () => fn());
}

export function retried(times = 1): void {
  retriesBox().value += times;
}

export function retryCount(): number {
  return retriesBox().value;
}
