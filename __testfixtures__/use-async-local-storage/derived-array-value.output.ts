// The new value is derived from the saved one and the initial value is an array (case 20): the
// initial value is hoisted once, and the saved value is kept as a plain read.
import { AsyncLocalStorage } from 'node:async_hooks';

const pathStorage = new AsyncLocalStorage<readonly string[]>();
const pathInitial: readonly string[] = [];

export function within<T>(name: string, fn: () => T): T {
  const outer = pathStorage.getStore() ?? pathInitial;
  return pathStorage.run([...outer, name], () => fn());
}

export function where(): string {
  const path = pathStorage.getStore() ?? pathInitial;
  return path.length === 0 ? '/' : `/${path.join('/')}`;
}

export function isRoot(): boolean {
  return (pathStorage.getStore() ?? pathInitial) === rootPath;
}

const rootPath = pathStorage.getStore() ?? pathInitial;
