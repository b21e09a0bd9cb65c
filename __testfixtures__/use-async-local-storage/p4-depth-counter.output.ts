// P4: a nesting depth incremented around work and decremented in finally (sync and async, by 1 and by k).
import { AsyncLocalStorage } from 'node:async_hooks';

const depthStorage = new AsyncLocalStorage<number>();
const indentWidthStorage = new AsyncLocalStorage<number>();

export function nested<T>(fn: () => T): T {
  return depthStorage.run((depthStorage.getStore() ?? 0) + 1, () => fn());
}

export async function indented<T>(width: number, fn: () => Promise<T>): Promise<T> {
  return await indentWidthStorage.run((indentWidthStorage.getStore() ?? 0) + width, () => fn());
}

export function line(text: string): string {
  const depth = depthStorage.getStore() ?? 0;
  const indentWidth = indentWidthStorage.getStore() ?? 0;
  return `${' '.repeat(indentWidth)}${depth}:${text}`;
}

export function currentDepth(): number {
  return depthStorage.getStore() ?? 0;
}
