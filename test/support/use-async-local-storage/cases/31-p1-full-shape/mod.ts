// P1 with every optional part: statements between set and try, a catch clause, and finally
// statements before (sees the new value) and after (sees the restored value) the restore.
let phase = 'idle';
export const events: string[] = [];

function audit(what: string): void {
  events.push(`${what}:${phase}`);
}

export async function during<T>(next: string, work: () => Promise<T>): Promise<T> {
  const prev = phase;
  phase = next;
  audit('enter');
  try {
    return await work();
  } catch (error) {
    events.push(`error:${phase}:${(error as Error).message}`);
    throw error;
  } finally {
    events.push(`flush:${phase}`);
    phase = prev;
    events.push(`after:${phase}`);
  }
}

export function currentPhase(): string {
  return phase;
}
