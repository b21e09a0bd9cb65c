// The object is handed out: its properties are shared with other code, so they stay.
const context = { tenant: 'none' };

export function withTenant<T>(tenant: string, fn: () => T): T {
  const prev = context.tenant;
  context.tenant = tenant;
  try {
    return fn();
  } finally {
    context.tenant = prev;
  }
}

export function snapshot(): { tenant: string } {
  return context;
}
