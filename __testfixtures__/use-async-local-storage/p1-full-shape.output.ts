// P1 with every optional part: statements between set and try, a catch clause, and finally
// statements before (sees the new value) and after (sees the restored value) the restore.
import { AsyncLocalStorage } from 'node:async_hooks';

const phaseStorage = new AsyncLocalStorage<string>();
export const events: string[] = [];

function audit(what: string): void {
  const phase = phaseStorage.getStore() ?? 'idle';
  events.push(`${what}:${phase}`);
}

export async function during<T>(next: string, work: () => Promise<T>): Promise<T> {
  const phase = phaseStorage.getStore() ?? 'idle';
  try {
    return await phaseStorage.run(next, async () => {
      const phase = phaseStorage.getStore() ?? 'idle';
      audit('enter');
      try {
        return await work();
      } catch (error) {
        events.push(`error:${phase}:${(error as Error).message}`);
        throw error;
      } finally {
        events.push(`flush:${phase}`);
      }
    });
  } finally {
    events.push(`after:${phase}`);
  }
}

export function currentPhase(): string {
  return phaseStorage.getStore() ?? 'idle';
}
