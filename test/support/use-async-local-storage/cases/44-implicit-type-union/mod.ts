// @ts-nocheck -- the original is implicitly any on purpose (strict mode reports it); the rewrite is typed.
// No annotation and an `any`-typed declaration (`let x = null`): the storage type is the union of the
// types of every assigned value.
let currentJob = null;

export function runJob<T>(id: string, fn: () => T): T {
  const outer = currentJob;
  currentJob = id;
  try {
    return fn();
  } finally {
    currentJob = outer;
  }
}

export function jobLabel(): string {
  return currentJob === null ? 'idle' : `job ${currentJob}`;
}
