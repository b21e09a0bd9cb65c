// A scope exists, but another write happens in a timer callback: which scope it belongs to is ambiguous.
let user = 'anonymous';

export function asUser<T>(name: string, fn: () => T): T {
  const prev = user;
  user = name;
  try {
    return fn();
  } finally {
    user = prev;
  }
}

export function logoutLater(): void {
  setTimeout(() => {
    user = 'anonymous';
  }, 10);
}

export function whoami(): string {
  return user;
}
