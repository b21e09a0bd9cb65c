// behaviour: identical
// --- shared trace helpers (byte-identical in every before/after/naive/safe file) ---
export {};
const log = (s: string): void => console.log(s);
class Res {
  constructor(readonly name: string, private readonly failClose = false) { log(`open ${name}`); }
  close(): void {
    log(`close ${this.name}`);
    if (this.failClose) throw new Error(`close ${this.name} failed`);
  }
}
class ARes {
  constructor(readonly name: string, private readonly failClose = false) { log(`open ${name}`); }
  async close(): Promise<void> {
    log(`closing ${this.name}`);
    await Promise.resolve();
    log(`closed ${this.name}`);
    if (this.failClose) throw new Error(`close ${this.name} failed`);
  }
}
class DRes implements Disposable {
  constructor(readonly name: string, private readonly failClose = false) { log(`open ${name}`); }
  [Symbol.dispose](): void {
    log(`dispose ${this.name}`);
    if (this.failClose) throw new Error(`dispose ${this.name} failed`);
  }
}
function describe(e: unknown): string {
  if (e !== null && typeof e === "object" && "error" in e && "suppressed" in e) {
    const s = e as { error: unknown; suppressed: unknown };
    return `SuppressedError(error=${describe(s.error)}, suppressed=${describe(s.suppressed)})`;
  }
  return e instanceof Error ? `${e.name}: ${e.message}` : `non-error ${String(e)}`;
}
function run(label: string, fn: () => unknown): void {
  log(`--- ${label}`);
  try { log(`returned ${String(fn())}`); } catch (e) { log(`threw ${describe(e)}`); }
}
async function arun(label: string, fn: () => Promise<unknown>): Promise<void> {
  log(`--- ${label}`);
  try { log(`returned ${String(await fn())}`); } catch (e) { log(`threw ${describe(e)}`); }
}
// --- end helpers ---

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function job(fail: boolean): Promise<string> {
  const c = new ARes("conn", fail);
  try {
    log("work");
    return "ok";
  } finally {
    log("flush starts");
    await sleep(5);
    log("flush done");
    await c.close();
  }
}
await arun("cleanup finishes before the caller resumes", () => job(false));
await arun("cleanup failure reaches the caller", () => job(true));
log("end");
