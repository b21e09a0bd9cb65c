// --verify: type-check before/after, revert the files whose edits add diagnostics, on temporary projects.
// The edits come from test/support/verify/replace-marked-lines.ts: a line ending in `//@edit: <new>`
// becomes <new>, so each fixture says in its own text what the run changes.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/pipeline/run.js';
import type { FileResult, RunSummary } from '../src/transform-api/types.js';
import { cli, makeProject, read, removeProjects, ROOT, transformPath } from './support/e2e.js';

afterAll(removeProjects);

const EDIT = join(ROOT, 'test', 'support', 'verify', 'replace-marked-lines.ts');
const EDIT_TYPED = join(ROOT, 'test', 'support', 'verify', 'replace-marked-lines-typed.ts');
const TSCONFIG_LIB = join(ROOT, 'test', 'support', 'verify', 'edit-tsconfig-lib.ts');

const TSCONFIG = `{
  "compilerOptions": {
    "strict": true, "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
    "lib": ["ES2022"], "types": [], "noEmit": true
  },
  "include": ["src"]
}
`;

/** A project with a tsconfig (lib ES2022, no DOM, to keep the checks small) and ESM package.json. */
function project(files: Record<string, string>, settings: { tsconfig?: boolean; git?: boolean } = {}): string {
  return makeProject(
    { ...(settings.tsconfig === false ? {} : { 'tsconfig.json': TSCONFIG }), 'package.json': '{ "type": "module" }\n', ...files },
    { git: settings.git },
  );
}

/** a.ts breaks an importer through its export, c.ts breaks its own types, d.ts is a harmless edit. */
const MIXED = {
  'src/a.ts': 'export const foo = 1; //@edit: export const bar = 1;\n',
  'src/b.ts': "import { foo } from './a.js';\nexport const twice = foo * 2;\n",
  'src/c.ts': 'export function half(n: number): number {\n  return n / 2; //@edit:   return String(n / 2);\n}\n',
  'src/d.ts': "export const label = 'x'; //@edit: export const label = 'y';\n",
};

const A_REASON =
  'the edit at line 1 by replace-marked-lines ("export const foo = 1; //@edit: export const bar = 1;" → "export const bar = 1;") adds 1 type error in src/b.ts';
const C_REASON =
  'the edit at line 2 by replace-marked-lines ("return n / 2; //@edit:   return String(n / 2);" → "return String(n / 2);") adds 1 type error in src/c.ts';

function byPath(dir: string, results: readonly FileResult[]): Record<string, FileResult> {
  return Object.fromEntries(results.map((r) => [r.path.slice(dir.length + 1), r]));
}

function statuses(summary: RunSummary): Record<string, string> {
  return Object.fromEntries(summary.files.map((f) => [f.path, f.status]));
}

describe('--verify reverts what broke and keeps the rest', () => {
  it('reverts an edit that breaks its own file and one that breaks an importer; a harmless edit in the same run stands', async () => {
    const dir = project(MIXED);
    const { results, summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    const files = byPath(dir, results);
    expect(statuses(summary)).toEqual({ 'src/a.ts': 'reverted', 'src/b.ts': 'unchanged', 'src/c.ts': 'reverted', 'src/d.ts': 'changed' });

    const a = files['src/a.ts']!;
    expect(a.after).toBe(a.before);
    expect(a.attemptedAfter).toBe('export const bar = 1;\n');
    expect(a.transforms).toEqual(['replace-marked-lines']);
    expect(a.diagnostics).toEqual([{ path: 'src/b.ts', line: 1, column: 10, code: 2305, message: `Module '"./a.js"' has no exported member 'foo'.` }]);
    expect(a.reason).toBe(A_REASON);

    const c = files['src/c.ts']!;
    expect(c.after).toBe(c.before);
    expect(c.attemptedAfter).toBe('export function half(n: number): number {\n  return String(n / 2);\n}\n');
    expect(c.diagnostics).toEqual([{ path: 'src/c.ts', line: 2, column: 3, code: 2322, message: "Type 'string' is not assignable to type 'number'." }]);
    expect(c.reason).toBe(C_REASON);

    expect(files['src/d.ts']!.after).toBe("export const label = 'y';\n");
    expect(summary.totals).toMatchObject({ changed: 1, unchanged: 1, reverted: 2, insertions: 1, deletions: 1 });
  });

  it('gives the same verdicts when the transform loaded the type checker first (shared ts-morph project)', async () => {
    const dir = project(MIXED);
    const { results, summary } = await run({ cwd: dir, transforms: [EDIT_TYPED], verify: true });
    expect(statuses(summary)).toEqual({ 'src/a.ts': 'reverted', 'src/b.ts': 'unchanged', 'src/c.ts': 'reverted', 'src/d.ts': 'changed' });
    const files = byPath(dir, results);
    expect(files['src/a.ts']!.diagnostics).toEqual([{ path: 'src/b.ts', line: 1, column: 10, code: 2305, message: `Module '"./a.js"' has no exported member 'foo'.` }]);
    expect(files['src/c.ts']!.diagnostics!.map((d) => `${d.path}:${d.line}:${d.column} TS${d.code}`)).toEqual(['src/c.ts:2:3 TS2322']);
  });

  it('finds importers outside the paths given, through the tsconfig', async () => {
    const dir = project(MIXED);
    const { summary } = await run({ cwd: dir, transforms: [EDIT], paths: ['src/a.ts'], verify: true });
    expect(statuses(summary)).toEqual({ 'src/a.ts': 'reverted' });
    expect(summary.files[0]!.diagnostics).toEqual([{ path: 'src/b.ts', line: 1, column: 10, code: 2305, message: `Module '"./a.js"' has no exported member 'foo'.` }]);
  });

  it('blames an edit to a global declaration for an error in a file that does not import it', async () => {
    const dir = project({
      'src/globals.ts': 'export {};\ndeclare global {\n  const APP_VERSION: string; //@edit:   const APP_VER: string;\n}\n',
      'src/use.ts': 'export const size = APP_VERSION.length;\n',
      'src/other.ts': "export const fine = 1; //@edit: export const fine = 2;\n",
    });
    const { summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    expect(statuses(summary)).toEqual({ 'src/globals.ts': 'reverted', 'src/other.ts': 'changed', 'src/use.ts': 'unchanged' });
    expect(summary.files[0]!.diagnostics).toEqual([{ path: 'src/use.ts', line: 1, column: 21, code: 2304, message: "Cannot find name 'APP_VERSION'." }]);
  });
});

describe('diagnostics that existed before never cause a revert', () => {
  it('leaves pre-existing errors alone when edits shift them, sit on their line, or are in an importer', async () => {
    const dir = project({
      'src/shift.ts': [
        '// header //@edit: // header\\n// a second header line\\n// and a third',
        "export const wrong: string = 1;",
        'export const fine: number = 1; //@edit: export const fine: number = 2;',
        '',
      ].join('\n'),
      'src/same-line.ts': "export const broken: number = 'x'; //@edit: export const broken: number = 'x'; // still broken\n",
      'src/importer.ts': "import { fine } from './shift.js';\nexport const also: boolean = fine;\n",
    });
    const { summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    expect(statuses(summary)).toEqual({ 'src/importer.ts': 'unchanged', 'src/same-line.ts': 'changed', 'src/shift.ts': 'changed' });
    expect(summary.totals.reverted).toBe(0);
  });

  it('still reverts a new error that repeats the code and message of an existing one (counted, not deduplicated)', async () => {
    const dir = project({
      'src/e.ts': ["export const wrong: string = 1;", 'export const ok: string = "1"; //@edit: export const ok: string = 1;', ''].join('\n'),
    });
    const { results, summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    expect(statuses(summary)).toEqual({ 'src/e.ts': 'reverted' });
    expect(results[0]!.diagnostics).toEqual([
      { path: 'src/e.ts', line: 2, column: 14, code: 2322, message: "Type 'number' is not assignable to type 'string'." },
    ]);
  });
});

describe('blame', () => {
  it('blames a changed type guard, not the harmless edit of the file where the narrowing is lost', async () => {
    const dir = project({
      'src/guard.ts': 'export function isText(v: unknown): v is string { //@edit: export function isText(v: unknown): boolean {\n  return typeof v === "string";\n}\n',
      'src/user.ts': [
        '// user //@edit: // user (edited)',
        "import { isText } from './guard.js';",
        'export function len(v: unknown): number {',
        '  if (isText(v)) return v.length;',
        '  return 0;',
        '}',
        '',
      ].join('\n'),
    });
    const { results, summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    expect(statuses(summary)).toEqual({ 'src/guard.ts': 'reverted', 'src/user.ts': 'changed' });
    expect(byPath(dir, results)['src/guard.ts']!.diagnostics!.map((d) => `${d.path}:${d.line}:${d.column} TS${d.code}`)).toEqual(['src/user.ts:4:25 TS18046']);
  });

  it('blames the edit of a local declaration for an error further down the same file', async () => {
    const dir = project({
      'src/local.ts': [
        'function twice(n: number): number { //@edit: function twice(n: number): string {',
        '  return n * 2; //@edit:   return String(n * 2);',
        '}',
        "export const label = 'x'; //@edit: export const label = 'y';",
        'export const four: number = twice(2);',
        '',
      ].join('\n'),
    });
    const { results, summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    expect(statuses(summary)).toEqual({ 'src/local.ts': 'reverted' });
    const local = results[0]!;
    expect(local.diagnostics!.map((d) => `${d.path}:${d.line}:${d.column} TS${d.code}`)).toEqual(['src/local.ts:5:14 TS2322']);
    expect(local.reason).toMatch(/^the edit at line 1 by replace-marked-lines /);
  });
});

describe('line endings and several transforms', () => {
  it('maps positions across an edit in a CRLF file: the shifted old error stays, the new one reverts the file', async () => {
    const original = '// pad //@edit: // pad\\n// more\r\nexport const wrong: string = 1;\r\nexport const ok: string = "1"; //@edit: export const ok: string = 1;\r\n';
    const dir = project({ 'src/crlf.ts': original });
    const { results } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    const crlf = results[0]!;
    expect(crlf.status).toBe('reverted');
    expect(crlf.after).toBe(original);
    expect(crlf.attemptedAfter).toBe('// pad\r\n// more\r\nexport const wrong: string = 1;\r\nexport const ok: string = 1;\r\n');
    expect(crlf.diagnostics).toEqual([{ path: 'src/crlf.ts', line: 4, column: 14, code: 2322, message: "Type 'number' is not assignable to type 'string'." }]);
  });

  it('reverts all edits of a file together and names every transform that changed it', async () => {
    const dir = project({
      'src/a.ts': 'export const foo = 1; //@edit: export const foo: string = 1;\n',
      'src/b.ts': "import { foo } from './a.js';\nexport const twice = foo;\n",
    });
    const { results, summary } = await run({ cwd: dir, transforms: [EDIT, transformPath('rename-foo.ts')], verify: true });
    // b.ts's rename only worked with a.ts's: once a.ts is reverted, b.ts is too.
    expect(statuses(summary)).toEqual({ 'src/a.ts': 'reverted', 'src/b.ts': 'reverted' });
    expect(byPath(dir, results)['src/b.ts']!.reason).toMatch(/, once src\/a\.ts had been reverted$/);
    const a = byPath(dir, results)['src/a.ts']!;
    expect(a.attemptedAfter).toBe('export const bar: string = 1;\n');
    expect(a.transforms).toEqual(['replace-marked-lines', 'rename-foo']);
    expect(a.reason).toMatch(/^the edit at line 1 by replace-marked-lines, rename-foo \(/);
    expect(a.diagnostics!.map((d) => `${d.path}:${d.line}:${d.column} TS${d.code}`)).toEqual(['src/a.ts:1:14 TS2322']);
  });
});

describe('the check repeats until nothing new remains', () => {
  it('reverts an edit that only worked together with an edit that was reverted', async () => {
    const dir = project({
      'src/a.ts': 'export const foo = 1; //@edit: export const bar = 1;\n',
      'src/b.ts': "import { foo } from './a.js'; //@edit: import { bar as foo } from './a.js';\nexport const twice = foo * 2;\n",
      'src/c.ts': "import { foo } from './a.js';\nexport const thrice = foo * 3;\n",
      'src/d.ts': "export const label = 'x'; //@edit: export const label = 'y';\n",
    });
    const { results, summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    expect(statuses(summary)).toEqual({ 'src/a.ts': 'reverted', 'src/b.ts': 'reverted', 'src/c.ts': 'unchanged', 'src/d.ts': 'changed' });
    const files = byPath(dir, results);
    expect(files['src/a.ts']!.diagnostics!.map((d) => `${d.path}:${d.line}:${d.column} TS${d.code}`)).toEqual(['src/c.ts:1:10 TS2305']);
    expect(files['src/b.ts']!.diagnostics!.map((d) => `${d.path}:${d.line}:${d.column} TS${d.code}`)).toEqual(['src/b.ts:1:10 TS2305']);
    expect(files['src/b.ts']!.reason).toBe(
      `the edit at line 1 by replace-marked-lines ("import { foo } from './a.js'; //@edit: import { bar as fo..." → "import { bar as foo } from './a.js';") adds 1 type error in src/b.ts, once src/a.ts had been reverted`,
    );
    expect(files['src/b.ts']!.after).toBe(files['src/b.ts']!.before);
  });
});

describe('files the check cannot see', () => {
  it('keeps the edit of a changed file outside the type-checked program, and says it was not verified', async () => {
    const dir = project({
      'src/a.ts': "export const label = 'x'; //@edit: export const label = 'y';\n",
      'src/tool.js': 'export const n = 1; //@edit: export const n = missing;\n',
    });
    const { summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    expect(statuses(summary)).toEqual({ 'src/a.ts': 'changed', 'src/tool.js': 'changed' });
    expect(summary.notes).toContainEqual({
      transform: 'verify',
      message: '1 changed file is not part of the type-checked program (for example .js without allowJs), so it was not verified: src/tool.js',
    });
  });
});

describe('project files edited by transforms', () => {
  const FIND_LAST = { 'src/last.ts': 'export const last = [1, 2].at(-1); //@edit: export const last = [1, 2].findLast((x) => x > 0);\n' };

  it('checks the sources against the tsconfig as the run leaves it, and keeps the tsconfig edit', async () => {
    const dir = project(FIND_LAST);
    const { summary } = await run({ cwd: dir, transforms: [EDIT, TSCONFIG_LIB], verify: true });
    expect(statuses(summary)).toEqual({ 'src/last.ts': 'changed', 'tsconfig.json': 'changed' });
  });

  it('without that tsconfig edit, the same source edit is reverted', async () => {
    const dir = project(FIND_LAST);
    const { summary } = await run({ cwd: dir, transforms: [EDIT], verify: true });
    expect(statuses(summary)).toEqual({ 'src/last.ts': 'reverted' });
    expect(summary.files[0]!.diagnostics!.map((d) => `${d.path}:${d.line}:${d.column} TS${d.code}`)).toEqual(['src/last.ts:1:28 TS2550', 'src/last.ts:1:38 TS7006']);
  });
});

describe('the command line', () => {
  it('--json marks reverted files with their diagnostics, and the exit code is 3', async () => {
    const dir = project(MIXED);
    const r = await cli(dir, ['run', '-t', EDIT, '--verify', '--json']);
    expect(r.code).toBe(3);
    const summary = JSON.parse(r.out) as RunSummary;
    const a = summary.files.find((f) => f.path === 'src/a.ts')!;
    expect(a).toMatchObject({
      status: 'reverted',
      transforms: ['replace-marked-lines'],
      reason: A_REASON,
      diagnostics: [{ path: 'src/b.ts', line: 1, column: 10, code: 2305, message: `Module '"./a.js"' has no exported member 'foo'.` }],
    });
    expect(a.diff).toBe('@@ -1 +1 @@\n-export const foo = 1; //@edit: export const bar = 1;\n+export const bar = 1;\n');
    expect(summary.totals).toMatchObject({ changed: 1, reverted: 2, insertions: 1, deletions: 1 });
  });

  it('pretty output names each reverted file, the blamed edit and the new diagnostics', async () => {
    const dir = project(MIXED);
    const r = await cli(dir, ['run', '-t', EDIT, '--verify']);
    expect(r.code).toBe(3);
    expect(r.out).toContain('src/a.ts  (replace-marked-lines) (reverted by --verify)\n--- a/src/a.ts\n+++ b/src/a.ts\n');
    expect(r.out).toContain('src/d.ts  (replace-marked-lines)\n');
    const err = r.err.split('\n');
    expect(err).toContain(`reverted src/a.ts: ${A_REASON}`);
    expect(err).toContain(`  src/b.ts:1:10 TS2305 Module '"./a.js"' has no exported member 'foo'.`);
    expect(err).toContain(`reverted src/c.ts: ${C_REASON}`);
    expect(err).toContain("  src/c.ts:2:3 TS2322 Type 'string' is not assignable to type 'number'.");
    expect(r.err).toMatch(/^1 changed · 1 unchanged · 2 reverted · \+1 −1 · [\d.]+ m?s$/m);
  });

  it('--write verifies by default when a tsconfig is loaded: reverted files stay as they were on disk, exit 3', async () => {
    const dir = project(MIXED);
    const r = await cli(dir, ['run', '-t', EDIT, '--write']);
    expect(r.code).toBe(3);
    expect(read(dir, 'src/a.ts')).toBe(MIXED['src/a.ts']);
    expect(read(dir, 'src/c.ts')).toBe(MIXED['src/c.ts']);
    expect(read(dir, 'src/d.ts')).toBe("export const label = 'y';\n");
  });

  it('--no-verify writes every edit and exits 0', async () => {
    const dir = project(MIXED);
    const r = await cli(dir, ['run', '-t', EDIT, '--write', '--no-verify']);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('reverted');
    expect(read(dir, 'src/a.ts')).toBe('export const bar = 1;\n');
    expect(read(dir, 'src/c.ts')).toBe('export function half(n: number): number {\n  return String(n / 2);\n}\n');
  });

  it('--check verifies by default (exit 3 outranks exit 1); a preview verifies only when asked', async () => {
    const dir = project(MIXED);
    const check = await cli(dir, ['run', '-t', EDIT, '--check', '--json']);
    expect(check.code).toBe(3);
    expect(statuses(JSON.parse(check.out) as RunSummary)).toMatchObject({ 'src/a.ts': 'reverted', 'src/c.ts': 'reverted', 'src/d.ts': 'changed' });
    const preview = await cli(dir, ['run', '-t', EDIT, '--json']);
    expect(preview.code).toBe(0);
    expect(statuses(JSON.parse(preview.out) as RunSummary)).toMatchObject({ 'src/a.ts': 'changed', 'src/c.ts': 'changed', 'src/d.ts': 'changed' });
  });

  it('without a tsconfig, --write does not verify unless asked', async () => {
    const dir = project(MIXED, { tsconfig: false });
    const plainRun = await cli(dir, ['run', '-t', EDIT, '--check', '--json']);
    expect(plainRun.code).toBe(1);
    const asked = await cli(dir, ['run', '-t', EDIT, '--check', '--verify', '--json']);
    expect(asked.code).toBe(3);
    expect(statuses(JSON.parse(asked.out) as RunSummary)).toMatchObject({ 'src/a.ts': 'reverted', 'src/c.ts': 'reverted', 'src/d.ts': 'changed' });
  });
});
