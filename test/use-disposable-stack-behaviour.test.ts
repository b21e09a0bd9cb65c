// Runs every fixture of use-disposable-stack before and after the transform, on Node 20 with the core-js
// polyfill (using downlevelled, target ES2022) and natively on Node 24 (target ESNext), and compares the
// traces: identical, or different only as the fixture's `// behaviour:` line says the spec allows.
// Also type-checks every output against its input: the rewrite never adds a diagnostic.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, ts } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyTransform, readFixtureFolder } from '../src/testing/index.js';
import transform from '../transforms/use-disposable-stack/index.js';
import {
  behaviourMode,
  NODE24,
  POLYFILL,
  runPrograms,
  unwrapSuppressed,
  withoutTicks,
  type Mode,
  type Program,
  type RunResult,
} from './support/use-disposable-stack/behaviour.js';

const folder = readFixtureFolder(new URL('../__testfixtures__/use-disposable-stack/', import.meta.url));

interface Case {
  name: string;
  mode: Mode;
  input: string;
  output: string;
}

const cases: Case[] = [];
const runs: Record<'before20' | 'after20' | 'before24' | 'after24', RunResult> = {} as never;

beforeAll(async () => {
  for (const c of folder.cases) {
    const input = readFileSync(c.inputPath, 'utf8');
    const mode = behaviourMode(input);
    if (!mode) continue;
    const options = c.optionsPath ? (JSON.parse(readFileSync(c.optionsPath, 'utf8')) as Record<string, unknown>) : {};
    const result = await applyTransform(transform, { path: c.inputPath, source: input }, options, {
      compilerOptions: folder.compilerOptions,
      inMemory: false,
    });
    if (result.error) throw new Error(`${c.name}: ${result.error.message}`);
    cases.push({ name: c.name, mode, input, output: result.output });
  }
  const before: Program[] = cases.map((c) => ({ id: c.name, source: c.input }));
  const after: Program[] = cases.map((c) => ({ id: c.name, source: c.output }));
  const node20 = { node: process.execPath, target: ts.ScriptTarget.ES2022, preload: POLYFILL };
  const node24 = { node: NODE24, target: ts.ScriptTarget.ESNext };
  const [b20, a20, b24, a24] = await Promise.all([
    runPrograms(before, { ...node20, label: 'before20' }),
    runPrograms(after, { ...node20, label: 'after20' }),
    runPrograms(before, { ...node24, label: 'before24' }),
    runPrograms(after, { ...node24, label: 'after24' }),
  ]);
  Object.assign(runs, { before20: b20, after20: a20, before24: b24, after24: a24 });
}, 180_000);

describe('use-disposable-stack behaviour (traces before and after)', () => {
  it('runs on Node 20 with the polyfill and natively on Node 24', () => {
    expect(runs.before20.node).toMatch(/^v20\./);
    expect(runs.after20.node).toMatch(/^v20\./);
    expect(runs.before24.node).toMatch(/^v24\./);
    expect(runs.after24.node).toMatch(/^v24\./);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    // Every fixture with a behaviour line ran and printed something in all four runs.
    for (const run of Object.values(runs)) {
      for (const c of cases) expect(run.traces[c.name]?.length ?? 0, c.name).toBeGreaterThan(0);
    }
  });

  it('the output uses the native syntax on Node 24 (target ESNext keeps `using`)', () => {
    const stackCases = cases.filter((c) => /\busing\b/.test(c.output) && c.output !== c.input);
    expect(stackCases.length).toBeGreaterThan(30);
  });

  for (const fixture of folder.cases) {
    const name = fixture.name;
    it(name, () => {
      const c = cases.find((x) => x.name === name);
      if (!c) {
        // A fixture without a behaviour line is not a runnable program (e.g. TSX that needs a renderer).
        expect(behaviourMode(readFileSync(fixture.inputPath, 'utf8'))).toBeUndefined();
        expect(fixture.inputPath).toMatch(/\.tsx$/);
        return;
      }
      const b20 = runs.before20.traces[name]!;
      const a20 = runs.after20.traces[name]!;
      const b24 = runs.before24.traces[name]!;
      const a24 = runs.after24.traces[name]!;
      // The original program behaves the same on both runtimes, and nothing crashed or leaked.
      expect(b24).toEqual(b20);
      for (const t of [b20, a20, b24, a24]) {
        expect(t.filter((l) => /^(MODULE THREW|UNHANDLED|UNCAUGHT)/.test(l))).toEqual([]);
      }
      if (c.mode === 'identical' || c.input === c.output) {
        expect(a20).toEqual(b20);
        expect(a24).toEqual(b24);
      } else if (c.mode === 'differs') {
        // Only the documented difference: a SuppressedError whose `error` chain ends in what finally threw.
        expect(a20.map(unwrapSuppressed)).toEqual(b20);
        expect(a24.map(unwrapSuppressed)).toEqual(b24);
        expect(a20, 'a "differs" fixture must show the difference').not.toEqual(b20);
        expect(a24).not.toEqual(b24);
      } else {
        expect(withoutTicks(a20)).toEqual(withoutTicks(b20));
        expect(withoutTicks(a24)).toEqual(withoutTicks(b24));
        expect(a24, 'a "same-modulo-ticks" fixture must show the tick difference').not.toEqual(b24);
      }
    });
  }
});

describe('use-disposable-stack output type-checks', () => {
  it('adds no diagnostic to any fixture (lib ES2022 + esnext.disposable, types node)', () => {
    const project = new Project({ compilerOptions: { ...folder.compilerOptions, noEmit: true }, skipAddingFilesFromTsConfig: true });
    const pairs = cases.map((c) => ({
      name: c.name,
      before: project.createSourceFile(join(folder.dir, `__check_before_${c.name}.ts`), c.input, { overwrite: true }),
      after: project.createSourceFile(join(folder.dir, `__check_after_${c.name}.ts`), c.output, { overwrite: true }),
    }));
    const codes = (sf: import('ts-morph').SourceFile): string[] =>
      sf.getPreEmitDiagnostics().map((d) => `TS${d.getCode()}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}`);
    const added: string[] = [];
    for (const p of pairs) {
      const before = codes(p.before);
      const after = codes(p.after);
      for (const d of after) {
        const i = before.indexOf(d);
        if (i === -1) added.push(`${p.name}: ${d}`);
        else before.splice(i, 1);
      }
    }
    expect(added).toEqual([]);
  });

  it('on Node 20 without the polyfill, stack rewrites fail as the spec says (negative control)', async () => {
    const single = cases.find((c) => c.name === 'single-resource')!;
    const direct = cases.find((c) => c.name === 'using-direct-disposable')!;
    const run = await runPrograms(
      [
        { id: 'stack', source: single.output },
        { id: 'using', source: direct.output },
      ],
      { node: process.execPath, target: ts.ScriptTarget.ES2022, label: 'control' },
    );
    expect(run.traces.stack).toContain('threw ReferenceError: DisposableStack is not defined');
    // `using x` on a real Disposable needs only Symbol.dispose, which Node 20 has.
    expect(run.traces.using).toEqual(runs.after20.traces['using-direct-disposable']);
  });
});
