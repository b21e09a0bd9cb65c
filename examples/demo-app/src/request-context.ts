// The request id is module state: set around each request and restored afterwards.
let requestId: string | undefined = undefined;

export function withRequestId<T>(id: string, work: () => T): T {
  const previous = requestId;
  requestId = id;
  try {
    return work();
  } finally {
    requestId = previous;
  }
}

export function currentRequestId(): string {
  return requestId ?? 'no-request';
}
