// Without @types/node, node:async_hooks does not resolve: the module is left alone.
let currentUser: string | null = null;

export function withUser<T>(user: string | null, fn: () => T): T {
  const previous = currentUser;
  currentUser = user;
  try {
    return fn();
  } finally {
    currentUser = previous;
  }
}

export function getUser(): string | null {
  return currentUser;
}

export function greet(): string {
  return `hello ${currentUser ?? 'anonymous'}`;
}
