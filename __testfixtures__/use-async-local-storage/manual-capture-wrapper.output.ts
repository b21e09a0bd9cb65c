// A manual capture wrapper (case 25): the value is captured when the wrapper is made and re-entered
// when it is called; it becomes run(captured, …) on this variable only, not AsyncLocalStorage.bind.
import { AsyncLocalStorage } from 'node:async_hooks';

const requestIdStorage = new AsyncLocalStorage<string>();

export function withRequest<T>(id: string, fn: () => T): T {
  return requestIdStorage.run(id, () => fn());
}

export function bindRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const captured = requestIdStorage.getStore() ?? 'none';
  return (...args: A) => {
    return requestIdStorage.run(captured, () => fn(...args));
  };
}

export function currentRequest(): string {
  return requestIdStorage.getStore() ?? 'none';
}
