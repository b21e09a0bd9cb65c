// A `return` in the body is fine when the try statement is the last statement of the function
// (case 19): falling through returns undefined before and after.
import { AsyncLocalStorage } from 'node:async_hooks';

const flagStorage = new AsyncLocalStorage<boolean>();
const seen: string[] = [];

export function maybe(on: boolean, values: readonly string[]): string | undefined {
  return flagStorage.run(on, () => {
    const flag = flagStorage.getStore() ?? false;
    for (const value of values) {
      if (value.startsWith('!')) return value;
      seen.push(`${value}:${flag}`);
    }
  });
}

export function seenValues(): string[] {
  return seen.splice(0);
}
