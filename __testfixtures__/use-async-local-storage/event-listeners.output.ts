// EventEmitter listeners are plain synchronous calls: they see the value of whoever emits (case 23),
// before and after. The inline read `(getStore() ?? null) ?? 'system'` collapses to `getStore() ?? 'system'`.
import { EventEmitter } from 'node:events';
import { AsyncLocalStorage } from 'node:async_hooks';

const actorStorage = new AsyncLocalStorage<string | null>();
export const bus = new EventEmitter();
export const seen: string[] = [];

bus.on('save', (what: string) => seen.push(`${what} by ${actorStorage.getStore() ?? 'system'}`));

export function as<T>(who: string, fn: () => T): T {
  return actorStorage.run(who, () => fn());
}
