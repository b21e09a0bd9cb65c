/**
 * Header comment of the module: stays where it is.
 */
import { AsyncResource, AsyncLocalStorage } from 'node:async_hooks';

// A name the storage would take is already used: the new names get a number.
const userStorage = new Map<string, string>();

const userStorage2 = new AsyncLocalStorage<string>(); // trailing comment of the declaration

/** The value read while the module initialises: the root value. */
export const initialUser = userStorage2.getStore() ?? 'guest';

export class Session {
  describe(): { user: string; stored: number } {
    const user = userStorage2.getStore() ?? 'guest';
    return { user, stored: userStorage.size };
  }

  get label(): string {
    return (userStorage2.getStore() ?? 'guest') || 'nobody';
  }
}

export function asUser<T>(name: string, fn: () => T): T {
  // save
  return userStorage2.run(name, () => fn());
}

export const shout = (): string => (userStorage2.getStore() ?? 'guest').toUpperCase();

export function bound(fn: () => void): () => void {
  return AsyncResource.bind(fn);
}
