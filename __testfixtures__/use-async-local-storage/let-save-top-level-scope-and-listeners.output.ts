'use strict'; // A let save, a scope in module code, an existing import and an event listener.
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';

const other = new AsyncLocalStorage<number>();
const actorStorage = new AsyncLocalStorage<string | null>();
const levelStorage = new AsyncLocalStorage<number>();

export const bus = new EventEmitter();
bus.on('ping', () => {
  const actor = actorStorage.getStore() ?? null;
  bus.emit('pong', actor ?? 'nobody');
});

export class Service {
  name = 'svc';
  run<T>(who: string, fn: (self: this) => T): T {
    'use strict';
    return actorStorage.run(who, () => fn(this));
  }
}

const boot = actorStorage.getStore() ?? null;
levelStorage.run((levelStorage.getStore() ?? 0) + 1, () => console.log(boot, levelStorage.getStore() ?? 0));

export function other1(): number | undefined {
  return other.getStore();
}
