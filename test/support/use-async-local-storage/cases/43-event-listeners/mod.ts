// EventEmitter listeners are plain synchronous calls: they see the value of whoever emits (case 23),
// before and after. The inline read `(getStore() ?? null) ?? 'system'` collapses to `getStore() ?? 'system'`.
import { EventEmitter } from 'node:events';

let actor: string | null = null;
export const bus = new EventEmitter();
export const seen: string[] = [];

bus.on('save', (what: string) => seen.push(`${what} by ${actor ?? 'system'}`));

export function as<T>(who: string, fn: () => T): T {
  const prev = actor;
  actor = who;
  try {
    return fn();
  } finally {
    actor = prev;
  }
}
