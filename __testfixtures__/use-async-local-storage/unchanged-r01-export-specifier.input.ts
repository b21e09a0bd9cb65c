// `export { currentTenant }` exports the live binding too.
let currentTenant = 'none';

export function withTenant<T>(tenant: string, fn: () => T): T {
  const previous = currentTenant;
  currentTenant = tenant;
  try {
    return fn();
  } finally {
    currentTenant = previous;
  }
}

export { currentTenant };
