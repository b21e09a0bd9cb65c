// An async scope whose body has several statements and awaits: the body moves into an async arrow,
// `return await` keeps a synchronous throw a rejection. Comments in the body stay as they are.
import { AsyncLocalStorage } from 'node:async_hooks';

const traceIdStorage = new AsyncLocalStorage<string>();
const lines: string[] = [];

function log(message: string): void {
  const traceId = traceIdStorage.getStore() ?? 'none';
  lines.push(`${traceId} ${message}`);
}

export async function traced<T>(id: string, fn: () => Promise<T>): Promise<T> {
  return await traceIdStorage.run(id, async () => {
    const traceId = traceIdStorage.getStore() ?? 'none';
    log('start'); // first line of the trace
    const result = await fn();
    /* the trace ends after the work */
    log(`end ${traceId}`);
    return result;
  });
}

export function drain(): string[] {
  return lines.splice(0);
}

export function currentTrace(): string {
  return traceIdStorage.getStore() ?? 'none';
}
