// No annotation and an `any`-typed declaration (`let x = null`): the storage type is the union of the
// types of every assigned value.
import { AsyncLocalStorage } from 'node:async_hooks';

const currentJobStorage = new AsyncLocalStorage<string | null>();

export function runJob<T>(id: string, fn: () => T): T {
  return currentJobStorage.run(id, () => fn());
}

export function jobLabel(): string {
  const currentJob = currentJobStorage.getStore() ?? null;
  return currentJob === null ? 'idle' : `job ${currentJob}`;
}
