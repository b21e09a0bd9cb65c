// codemigrate runs jscodeshift transforms with jscodeshift's exact output. Proven three ways:
// 1. jscodeshift 17's own CLI and `migrate run --write` on copies of the same files (JS, JSX, TS, TSX, Flow,
//    BOM, CRLF, no final newline, non-ASCII): the written bytes are identical, and the same files fail.
// 2. jscodeshift's applyTransform (jscodeshift/src/testUtils) and codemigrate's applyTransform agree.
// 3. react-codemod 5.4.4 (a package that ships __testfixtures__ and jscodeshift tests): every defineTest
//    call of its own test files, compared with jscodeshift's applyTransform and, per transform × options ×
//    parser, with jscodeshift's CLI on the fixture inputs, byte for byte.
import { createRequire } from 'node:module';
import type { JscodeshiftTransform } from '../src/transform-api/types.js';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyTransform, defineTest, loadTransformFile } from '../src/testing/index.js';
import {
  inputFiles,
  readTree,
  runJscodeshiftCli,
  runMigrate,
  SUPPORT_DIR,
  tempDir,
  twoCopies,
  writeTree,
} from './support/jscodeshift/compare.js';
import { collectDefineTests, reactCodemodDir, type DefineTestCall } from './support/jscodeshift/react-codemod.js';

const require = createRequire(import.meta.url);
const { applyTransform: jscodeshiftApply } = require('jscodeshift/src/testUtils') as {
  applyTransform(module: unknown, options: unknown, input: { path: string; source: string }, testOptions?: { parser?: string }): string | Promise<string>;
};

const temps: Array<{ remove(): void }> = [];
afterAll(() => temps.forEach((t) => t.remove()));

const GROUPS = {
  babel: { extensions: 'js,jsx', test: /\.jsx?$/ },
  ts: { extensions: 'ts', test: /\.ts$/ },
  tsx: { extensions: 'tsx', test: /\.tsx$/ },
} as const;
type Group = keyof typeof GROUPS;

const OWN_CASES: Array<{ transform: string; groups: Group[]; options?: Record<string, unknown> }> = [
  { transform: 'rename-identifiers.cjs', groups: ['babel', 'ts', 'tsx'], options: { to: 'qux' } },
  { transform: 'arrow-functions.mjs', groups: ['babel', 'ts', 'tsx'] },
  { transform: 'add-header.ts', groups: ['babel', 'ts'], options: { header: 'reviewed' } },
  { transform: 'exports-default-parser.cjs', groups: ['babel'] },
  { transform: 'throw-on-marker.cjs', groups: ['babel'] },
];

function pick(files: Record<string, Buffer>, group: Group): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(files).filter(([rel]) => GROUPS[group].test.test(rel)));
}

function expectSameTrees(a: string, b: string): void {
  const left = readTree(a);
  const right = readTree(b);
  expect([...right.keys()]).toEqual([...left.keys()]);
  for (const [rel, bytes] of left) {
    // As text first for a readable diff, then as bytes (a BOM or an encoding difference shows there).
    expect(right.get(rel)!.toString('utf8'), rel).toBe(bytes.toString('utf8'));
    expect(right.get(rel)!.equals(bytes), `${rel}: bytes`).toBe(true);
  }
}

function optionFlags(options: Record<string, unknown> | null | undefined): string[] {
  return Object.entries(options ?? {}).map(([k, v]) => `--${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
}

describe('the same bytes as jscodeshift 17’s CLI, on transforms and inputs of our own', () => {
  const files = inputFiles();
  for (const c of OWN_CASES) {
    for (const group of c.groups) {
      it(`${c.transform}, ${group} files`, async () => {
        const tmp = tempDir();
        temps.push(tmp);
        const input = pick(files, group);
        const { a, b } = twoCopies(tmp.dir, input);
        const transform = join(SUPPORT_DIR, c.transform);
        // jscodeshift's --parser applies to every file; codemigrate picks by extension, so no --parser here.
        const js = runJscodeshiftCli(transform, a, { parser: group, extensions: GROUPS[group].extensions, options: c.options });
        const ours = await runMigrate(['run', '-t', transform, b, '--write', '--json', ...optionFlags(c.options)], tmp.dir);
        expectSameTrees(a, b);
        const failed = ours.json!.files.filter((f) => f.status === 'failed').map((f) => basename(f.path));
        expect(failed.sort()).toEqual(js.errors.map((p) => basename(p)).sort());
        expect(ours.code).toBe(failed.length ? 3 : 0);
        // Not vacuous: the transform did something to these files (or failed on them).
        const changed = [...readTree(b)].filter(([rel, bytes]) => !bytes.equals(input[rel]!));
        expect(changed.length + failed.length).toBeGreaterThan(0);
      });
    }
  }
});

describe('the same output as jscodeshift’s applyTransform (testUtils)', () => {
  const files = inputFiles();
  for (const c of OWN_CASES.filter((x) => x.transform !== 'throw-on-marker.cjs')) {
    it(c.transform, async () => {
      const transform = await loadTransformFile(join(SUPPORT_DIR, c.transform));
      if (transform.engine !== 'jscodeshift') throw new Error('not a jscodeshift transform');
      let compared = 0;
      for (const [rel, bytes] of Object.entries(files)) {
        const parser = /\.tsx$/.test(rel) ? 'tsx' : /\.ts$/.test(rel) ? 'ts' : undefined;
        const source = bytes.toString('utf8');
        const path = join('/virtual', rel);
        let theirs: string | Error;
        try {
          // jscodeshift's testUtils give no api.report (a transform that calls it throws there): add a no-op.
          const fn = transform.fn;
          const withReport = (file: unknown, api: Record<string, unknown>, options: Record<string, unknown>) => fn(file as never, { report: () => {}, ...api }, options);
          theirs = await jscodeshiftApply({ default: withReport, parser: transform.parser }, c.options ?? {}, { path, source }, { parser });
        } catch (error) {
          theirs = error as Error;
        }
        const ours = await applyTransform(transform, { path, source }, c.options ?? {}, { parser, inMemory: true });
        if (theirs instanceof Error) {
          expect(ours.status, rel).toBe('failed');
          expect(ours.error?.message, rel).toContain(theirs.message.split('\n')[0]!);
        } else {
          expect(ours.status === 'skipped' ? '' : ours.output.trim(), rel).toBe(theirs);
          if (theirs === '') expect(ours.output, rel).toBe(source);
        }
        compared++;
      }
      expect(compared).toBe(Object.keys(files).length);
    });
  }
});

const transformsDir = join(reactCodemodDir(), 'transforms');
const loaded = new Map<string, JscodeshiftTransform | Error>();
for (const name of new Set(collectDefineTests(join(transformsDir, '__tests__')).map((c) => c.transformName))) {
  try {
    loaded.set(name, (await loadTransformFile(join(transformsDir, name))) as JscodeshiftTransform);
  } catch (error) {
    loaded.set(name, error as Error);
  }
}

describe('react-codemod 5.4.4: its own fixtures and tests', () => {
  const calls = collectDefineTests(join(transformsDir, '__tests__'));

  function fixtureInput(call: DefineTestCall): string | undefined {
    for (const ext of ['js', 'ts', 'tsx']) {
      const p = join(transformsDir, '__testfixtures__', `${call.prefix}.input.${ext}`);
      if (existsSync(p)) return p;
    }
    return undefined;
  }
  function expectedOutput(input: string): string {
    return readFileSync(input.replace(/\.input\.(\w+)$/, '.output.$1'), 'utf8');
  }
  function jscodeshiftResult(call: DefineTestCall, input: string): string | Error {
    try {
      // Loaded by codemigrate's loader (jscodeshift compiles transforms with Babel, which a plain require
      // here would not); loading itself is compared with jscodeshift's CLI below.
      const t = loaded.get(call.transformName)!;
      if (t instanceof Error) throw t;
      const out = jscodeshiftApply({ default: t.fn, parser: t.parser }, call.options, { path: input, source: readFileSync(input, 'utf8') }, { parser: call.parser });
      if (typeof out !== 'string') throw new Error('expected a synchronous transform');
      return out;
    } catch (error) {
      return error as Error;
    }
  }

  it('-t react-codemod/transforms/class resolves from the project’s node_modules', async () => {
    const tmp = tempDir();
    temps.push(tmp);
    cpSync(join(transformsDir, '..'), join(tmp.dir, 'node_modules', 'react-codemod'), { recursive: true });
    writeTree(tmp.dir, {
      'package.json': '{ "name": "app", "private": true }',
      'src/component.js': readFileSync(join(transformsDir, '__testfixtures__', 'class', 'class.input.js')),
    });
    const viaModule = await runMigrate(['run', '-t', 'react-codemod/transforms/class', 'src', '--json'], tmp.dir);
    const viaPath = await runMigrate(['run', '-t', join(tmp.dir, 'node_modules', 'react-codemod', 'transforms', 'class.js'), 'src', '--json'], tmp.dir);
    expect(viaModule.code, viaModule.stderr).toBe(0);
    expect(viaModule.json!.files.map((f) => [f.path, f.status, f.transforms])).toEqual([['src/component.js', 'changed', ['class']]]);
    expect({ ...viaModule.json!, durationMs: 0 }).toEqual({ ...viaPath.json!, durationMs: 0 });
  });

  it('has the defineTest calls of its test files', () => {
    expect(calls.length).toBe(180);
    expect(calls.filter((c) => fixtureInput(c) === undefined).map((c) => c.prefix)).toEqual([]);
  });

  it('every call gives what jscodeshift’s applyTransform gives (the same text, or the same error)', async () => {
    const tally = { same: 0, bothFailed: 0 };
    for (const call of calls) {
      const input = fixtureInput(call)!;
      const theirs = jscodeshiftResult(call, input);
      const transform = await loadTransformFile(join(transformsDir, call.transformName));
      const ours = await applyTransform(transform, { path: input, source: readFileSync(input, 'utf8') }, call.options ?? {}, { parser: call.parser, inMemory: true });
      if (theirs instanceof Error) {
        expect(ours.status, call.prefix).toBe('failed');
        expect(ours.error?.message, call.prefix).toContain(theirs.message.split('\n')[0]!);
        tally.bothFailed++;
      } else {
        expect(ours.error, call.prefix).toBeUndefined();
        expect(ours.status === 'skipped' ? '' : ours.output.trim(), call.prefix).toBe(theirs);
        tally.same++;
      }
    }
    // jscodeshift 17 fails some of react-codemod's cases itself (flow-parser's PropertyDefinition is
    // unknown to its recast; sort-comp needs eslint, a dependency npm pack does not fetch).
    expect(tally.same + tally.bothFailed).toBe(calls.length);
    expect(tally.same).toBeGreaterThan(120);
  });

  // Its tests, moved over unchanged: codemigrate's defineTest, for every case jscodeshift 17 itself passes.
  const passing = calls.filter((call) => {
    const input = fixtureInput(call);
    if (!input) return false;
    const theirs = jscodeshiftResult(call, input);
    return typeof theirs === 'string' && theirs === expectedOutput(input).trim();
  });
  it('jscodeshift 17 passes most of its cases', () => {
    expect(passing.length).toBeGreaterThan(120);
  });
  describe('its defineTest calls, run by codemigrate’s defineTest', () => {
    for (const call of passing) defineTest(call.dirName, call.transformName, call.options, call.prefix, call.parser ? { parser: call.parser } : undefined);
  });

  // Byte for byte against jscodeshift's CLI, one run per transform × options × parser.
  const groups = new Map<string, DefineTestCall[]>();
  for (const call of calls) {
    const key = `${call.transformName} ${JSON.stringify(call.options ?? {})} ${call.parser ?? '(default parser)'}`;
    groups.set(key, [...(groups.get(key) ?? []), call]);
  }
  describe('the same bytes as jscodeshift’s CLI on its fixture inputs', () => {
    for (const [key, group] of groups) {
      it(key, async () => {
        const tmp = tempDir();
        temps.push(tmp);
        const files: Record<string, Buffer> = {};
        for (const call of group) {
          const input = fixtureInput(call)!;
          files[`${call.prefix.replace(/\//g, '__')}${extname(input)}`] = readFileSync(input);
        }
        const { a, b } = twoCopies(tmp.dir, files);
        const transform = join(transformsDir, `${group[0]!.transformName}.js`);
        const parser = group[0]!.parser;
        const js = runJscodeshiftCli(transform, a, { parser, extensions: 'js,tsx', options: group[0]!.options ?? {} });
        const ours = await runMigrate(
          ['run', '-t', transform, b, '--write', '--json', ...(parser ? [`--parser=${parser}`] : []), ...optionFlags(group[0]!.options)],
          tmp.dir,
        );
        expectSameTrees(a, b);
        const failed = ours.json!.files.filter((f) => f.status === 'failed').map((f) => basename(f.path));
        expect(failed.sort()).toEqual(js.errors.map((p) => basename(p)).sort());
      });
    }
  });
});
