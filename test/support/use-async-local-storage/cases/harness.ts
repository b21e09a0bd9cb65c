// Shared harness of the behaviour cases (a copy of shared/examples/use-async-local-storage/harness.ts whose
// main() also publishes its promise, so that run-cases.cjs can run many cases in one Node process).
//   "S ..."        single-flow trace line: must be byte-identical for before and after
//   "C ..."        concurrency trace line: informational (expected to differ)
//   "VERDICT x"    x = isolated | leaked
//   first line of check.ts: "// EXPECT: same" (whole output identical) or
//                           "// EXPECT: isolate" (S lines identical, before leaked, after isolated)

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function fmt(value: unknown): string {
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json;
}

export function S(...parts: unknown[]): void {
  console.log(['S', ...parts.map(fmt)].join(' '));
}

export function C(...parts: unknown[]): void {
  console.log(['C', ...parts.map(fmt)].join(' '));
}

/** Records an observation in the concurrency section and returns whether it matched. */
export function expectValue(label: string, got: unknown, want: unknown): boolean {
  const ok = Object.is(got, want) || fmt(got) === fmt(want);
  C(label, 'got', got, 'want', want, ok ? 'ok' : 'MISMATCH');
  return ok;
}

export function verdict(checks: boolean[]): void {
  console.log(`VERDICT ${checks.every(Boolean) ? 'isolated' : 'leaked'}`);
}

export function main(body: () => Promise<void> | void): void {
  (globalThis as { __alsMain?: Promise<void> }).__alsMain = Promise.resolve()
    .then(body)
    .catch((error: unknown) => {
      console.log('ERROR', error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
}
