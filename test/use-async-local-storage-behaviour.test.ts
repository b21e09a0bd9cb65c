/**
 * use-async-local-storage, behaviour: every case under test/support/use-async-local-storage/cases is
 * transformed, and before/after are run on Node 20 (this process's Node) and Node 24 (test/node24):
 * single-flow traces must be identical, concurrent tasks leak before and are isolated after ("isolate"),
 * or the whole output is identical ("same"); the emitted .d.ts must be byte-identical and the rewritten
 * module must type-check whenever the original did. All cases of one runtime run in one Node process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NODE24,
  compileCases,
  emitDeclarations,
  loadCases,
  loadRefusals,
  runCases,
  summarize,
  type BehaviourCase,
  type RunOutput,
} from './support/use-async-local-storage/behaviour.js';

const cases: BehaviourCase[] = await loadCases();
const refusals = await loadRefusals();
const runtimes = [
  { label: 'Node 20', node: process.execPath, major: 20 },
  { label: 'Node 24', node: NODE24, major: 24 },
];
const runs = new Map<string, RunOutput>();
let declarations: ReturnType<typeof emitDeclarations>;

beforeAll(async () => {
  const root = compileCases(cases, refusals);
  const outputs = await Promise.all(runtimes.map((r) => runCases(r.node, root)));
  runtimes.forEach((r, i) => runs.set(r.label, outputs[i]!));
  declarations = emitDeclarations(cases);
}, 240_000);

describe('use-async-local-storage behaviour', () => {
  it('runs each runtime it claims to', () => {
    for (const r of runtimes) expect(runs.get(r.label)!.version).toMatch(new RegExp(`^v${r.major}\\.`));
  });

  for (const c of cases) {
    describe(c.name, () => {
      it('is rewritten', () => {
        expect(c.changed, 'the transform left the module unchanged').toBe(true);
        expect(c.after).toContain('new AsyncLocalStorage<');
        expect(c.after).not.toContain('enterWith');
      });

      it('keeps the emitted .d.ts byte-identical and adds no type error', () => {
        const d = declarations.get(c.name)!;
        expect(d.after).toBe(d.before);
        // The rewrite adds no type error (case 44's original is implicitly any under strict; the rewrite is typed).
        const message = (e: string) => e.replace(/^\d+: /, '');
        const known = new Set(d.beforeErrors.map(message));
        expect(d.afterErrors.filter((e) => !known.has(message(e)))).toEqual([]);
      });

      for (const r of runtimes) {
        it(`${c.expect === 'isolate' ? 'keeps single-flow traces and isolates concurrent tasks' : 'behaves the same'} on ${r.label}`, () => {
          const run = runs.get(r.label)!;
          const before = run.results[`before/${c.name}`]!;
          const after = run.results[`after/${c.name}`]!;
          expect(before.error).toBeUndefined();
          expect(after.error).toBeUndefined();
          const b = summarize(before.lines);
          const a = summarize(after.lines);
          expect(b.errors).toEqual([]);
          expect(a.errors).toEqual([]);
          expect(b.single.length, 'the case prints a single-flow trace').toBeGreaterThan(0);
          if (c.expect === 'same') {
            expect(after.lines).toEqual(before.lines);
          } else {
            expect(a.single).toEqual(b.single);
            expect(b.verdict, 'the original leaks between concurrent tasks').toBe('leaked');
            expect(a.verdict, 'the rewrite isolates concurrent tasks').toBe('isolated');
          }
        });
      }
    });
  }

  // Refusals: the module is left byte-identical with a warning, and the naive conversion (what the
  // transform must not emit) really changes a single-flow trace, on every runtime.
  for (const r of refusals) {
    describe(`refusal ${r.name}`, () => {
      it('is left byte-identical, with a warning', () => {
        expect(r.output).toBe(r.before);
        expect(r.warnings.length).toBe(1);
        expect(r.warnings[0]).toContain('left alone:');
        expect(r.warnings[0], 'the warning gives the reason of the case').toContain(r.reason);
      });
      for (const rt of runtimes) {
        it(`the naive conversion changes the single-flow trace on ${rt.label}`, () => {
          const run = runs.get(rt.label)!;
          const before = run.results[`refuse-before/${r.name}`]!;
          const naive = run.results[`refuse-naive/${r.name}`]!;
          expect(before.error).toBeUndefined();
          expect(naive.error).toBeUndefined();
          const b = summarize(before.lines).single;
          expect(b.length).toBeGreaterThan(0);
          expect(summarize(naive.lines).single).not.toEqual(b);
        });
      }
    });
  }
});
