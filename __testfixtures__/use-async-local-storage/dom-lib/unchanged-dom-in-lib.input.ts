// The project's tsconfig 'lib' includes DOM: a browser target, left alone.
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
