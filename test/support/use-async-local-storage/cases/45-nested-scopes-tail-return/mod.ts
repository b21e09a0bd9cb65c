// Two slots in nested try/finally blocks with the return in the inner one: the inner try is the last
// statement of the outer scope's body, which becomes the outer callback, so both convert.
let tenant = 'none';
let role = 'guest';

export function asTenantRole<T>(nextTenant: string, nextRole: string, fn: () => T): T {
  const prevTenant = tenant;
  tenant = nextTenant;
  try {
    const prevRole = role;
    role = nextRole;
    try {
      return fn();
    } finally {
      role = prevRole;
    }
  } finally {
    tenant = prevTenant;
  }
}

export function who(): string {
  return `${role}@${tenant}`;
}
