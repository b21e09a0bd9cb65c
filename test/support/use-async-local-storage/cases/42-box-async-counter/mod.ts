// Box form with async scopes: a per-attempt retry counter bumped by unscoped writes (retried()) inside
// the scope; outside any scope the writes go to the root box, exactly like the old global.
let retries: number = 0;

export async function attempt<T>(fn: () => Promise<T>): Promise<T> {
  const saved = retries;
  retries = 0;
  try {
    return await fn();
  } finally {
    retries = saved;
  }
}

export function retried(times = 1): void {
  retries += times;
}

export function retryCount(): number {
  return retries;
}
