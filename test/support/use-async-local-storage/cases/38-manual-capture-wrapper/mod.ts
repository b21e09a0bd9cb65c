// A manual capture wrapper (case 25): the value is captured when the wrapper is made and re-entered
// when it is called; it becomes run(captured, …) on this variable only, not AsyncLocalStorage.bind.
let requestId = 'none';

export function withRequest<T>(id: string, fn: () => T): T {
  const prev = requestId;
  requestId = id;
  try {
    return fn();
  } finally {
    requestId = prev;
  }
}

export function bindRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const captured = requestId;
  return (...args: A) => {
    const prev = requestId;
    requestId = captured;
    try {
      return fn(...args);
    } finally {
      requestId = prev;
    }
  };
}

export function currentRequest(): string {
  return requestId;
}
