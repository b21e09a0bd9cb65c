// Two slots in nested try/finally blocks with the return in the inner one: the inner try is the last
// statement of the outer scope's body, which becomes the outer callback, so both convert.
import { AsyncLocalStorage } from 'node:async_hooks';

const tenantStorage = new AsyncLocalStorage<string>();
const roleStorage = new AsyncLocalStorage<string>();

export function asTenantRole<T>(nextTenant: string, nextRole: string, fn: () => T): T {
  return tenantStorage.run(nextTenant, () => {
    return roleStorage.run(nextRole, () => fn());
  });
}

export function who(): string {
  const tenant = tenantStorage.getStore() ?? 'none';
  const role = roleStorage.getStore() ?? 'guest';
  return `${role}@${tenant}`;
}
