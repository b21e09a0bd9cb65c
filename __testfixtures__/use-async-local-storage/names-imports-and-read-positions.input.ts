/**
 * Header comment of the module: stays where it is.
 */
import { AsyncResource } from 'node:async_hooks';

// A name the storage would take is already used: the new names get a number.
const userStorage = new Map<string, string>();

let user: string = 'guest'; // trailing comment of the declaration

/** The value read while the module initialises: the root value. */
export const initialUser = user;

export class Session {
  describe(): { user: string; stored: number } {
    return { user, stored: userStorage.size };
  }

  get label(): string {
    return user || 'nobody';
  }
}

export function asUser<T>(name: string, fn: () => T): T {
  // save
  const saved = user;
  user = name;
  try {
    return fn();
  } finally {
    user = saved;
  }
}

export const shout = (): string => user.toUpperCase();

export function bound(fn: () => void): () => void {
  return AsyncResource.bind(fn);
}
