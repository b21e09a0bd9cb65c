// An async scope whose body has several statements and awaits: the body moves into an async arrow,
// `return await` keeps a synchronous throw a rejection. Comments in the body stay as they are.
let traceId = 'none';
const lines: string[] = [];

function log(message: string): void {
  lines.push(`${traceId} ${message}`);
}

export async function traced<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const saved = traceId;
  traceId = id;
  try {
    log('start'); // first line of the trace
    const result = await fn();
    /* the trace ends after the work */
    log(`end ${traceId}`);
    return result;
  } finally {
    traceId = saved;
  }
}

export function drain(): string[] {
  return lines.splice(0);
}

export function currentTrace(): string {
  return traceId;
}
