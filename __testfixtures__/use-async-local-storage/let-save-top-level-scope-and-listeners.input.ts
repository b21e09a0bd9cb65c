'use strict'; // A let save, a scope in module code, an existing import and an event listener.
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';

const other = new AsyncLocalStorage<number>();
let actor: string | null = null;
let level = 0;

export const bus = new EventEmitter();
bus.on('ping', () => {
  bus.emit('pong', actor ?? 'nobody');
});

export class Service {
  name = 'svc';
  run<T>(who: string, fn: (self: this) => T): T {
    'use strict';
    let prev = actor;
    actor = who;
    try {
      return fn(this);
    } finally {
      actor = prev;
    }
  }
}

const boot = actor;
level++;
try {
  console.log(boot, level);
} finally {
  level--;
}

export function other1(): number | undefined {
  return other.getStore();
}
