// A scope function exists (runRequestScope) but the value is also written by an unscoped setter
// that callers use inside the scope (middleware sets the id after the scope starts).
import { AsyncLocalStorage } from 'node:async_hooks';

const requestIdStorage = new AsyncLocalStorage<{ value: string | undefined }>();
const requestIdRoot: { value: string | undefined } = { value: undefined };

function requestIdBox(): { value: string | undefined } {
  return requestIdStorage.getStore() ?? requestIdRoot;
}

export function runRequestScope<T>(fn: () => T): T {
  return requestIdStorage.run({ value: undefined }, () => fn());
}

export function setRequestId(id: string | undefined): void {
  requestIdBox().value = id;
}

export function getRequestId(): string | undefined {
  return requestIdBox().value;
}

export function logLine(message: string): string {
  return `${requestIdBox().value ?? '-'} ${message}`;
}
