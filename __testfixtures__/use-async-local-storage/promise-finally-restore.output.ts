// Pattern P6: restore when the returned promise settles (Sentry AsyncContextStack-like "pop on settle").
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Transaction {
  readonly id: string;
}

const currentTransactionStorage = new AsyncLocalStorage<Transaction | null>();

export function withTransaction<T>(tx: Transaction, fn: () => Promise<T>): Promise<T> {
  return currentTransactionStorage.run(tx, () => fn());
}

export function query(sql: string): string {
  const currentTransaction = currentTransactionStorage.getStore() ?? null;
  return `${currentTransaction ? currentTransaction.id : 'autocommit'}: ${sql}`;
}
