import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
// The CLI in-process: main(argv, env, io) with captured output, on temporary projects.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { builtinTransforms } from '../transforms/index.js';
import { migrate, UsageError } from '../src/index.js';
import { cli, git, makeProject, plain, read, removeProjects, snapshot, transformPath, writeFiles } from './support/e2e.js';

afterAll(removeProjects);

const RENAME = transformPath('rename-foo.ts');
const APPEND = transformPath('append-line.ts');
const THROW = transformPath('throw-on-boom.ts');
const JSCS = transformPath('rename-foo-jscodeshift.cjs');
const REPORT_OPTIONS = transformPath('report-options.ts');
const SLOW = transformPath('slow.ts');
const EDIT_ON_DISK = transformPath('edit-on-disk.ts');

const SUMMARY = /^\d+ (changed|written) · \d+ unchanged( · \d+ skipped)?( · \d+ failed)?( · \d+ reverted)?( · \d+ warnings?)? · \+\d+ −\d+ · \d+(\.\d)? m?s$/m;

/** A small project: a.ts changes, b.ts only warns, c.ts is untouched. */
function basicProject(settings: { git?: boolean } = {}): string {
  return makeProject(
    {
      'a.ts': 'const foo = 1;\nexport { foo };\n',
      'b.ts': 'export const s = "foo";\n',
      'c.ts': 'export const x = 1;\n',
    },
    settings,
  );
}

function unchangedFiles(dir: string, before: ReturnType<typeof snapshot>): void {
  const after = snapshot(dir);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [path, state] of before) {
    expect(after.get(path)!.bytes.equals(state.bytes), path).toBe(true);
    expect(after.get(path)!.mtimeMs, path).toBe(state.mtimeMs);
  }
}

describe('preview (the default)', () => {
  it('prints the diff on stdout, warnings and the summary on stderr, and writes nothing', async () => {
    const dir = basicProject();
    const before = snapshot(dir);
    const r = await cli(dir, ['run', '-t', RENAME]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'a.ts  (rename-foo)\n--- a/a.ts\n+++ b/a.ts\n@@ -1,2 +1,2 @@\n-const foo = 1;\n-export { foo };\n+const bar = 1;\n+export { bar };\n\n',
    );
    const errLines = r.err.split('\n');
    expect(errLines).toContain('b.ts:1:18 rename-foo: left alone: "foo" in a string');
    expect(r.err).toMatch(SUMMARY);
    expect(r.err).toMatch(/^1 changed · 2 unchanged · 1 warning · \+2 −2 · (\d+ ms|\d+\.\d s)$/m);
    expect(r.err).toContain('preview only: nothing was written. Run again with --write to apply.');
    unchangedFiles(dir, before);
  });

  it('-d, --dry and --dry-run are the same preview', async () => {
    const dir = basicProject();
    const before = snapshot(dir);
    const outs = [];
    for (const flag of ['-d', '--dry', '--dry-run']) {
      const r = await cli(dir, ['run', '-t', RENAME, flag]);
      expect(r.code, flag).toBe(0);
      outs.push(r.out);
    }
    expect(new Set(outs).size).toBe(1);
    expect(outs[0]).toContain('+const bar = 1;');
    unchangedFiles(dir, before);
  });

  it('refuses --write combined with --check or --dry', async () => {
    const dir = basicProject();
    const r = await cli(dir, ['run', '-t', RENAME, '--write', '--check']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error --write and --check cannot be combined\nhint /);
    expect(read(dir, 'a.ts')).toBe('const foo = 1;\nexport { foo };\n');
  });
});

describe('--check', () => {
  it('exits 1 when a file would change, and writes nothing', async () => {
    const dir = basicProject();
    const before = snapshot(dir);
    const r = await cli(dir, ['run', '-t', RENAME, '--check']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('check: files would change (exit 1)');
    unchangedFiles(dir, before);
  });
  it('exits 0 when nothing would change, even with warnings', async () => {
    const dir = makeProject({ 'b.ts': 'export const s = "foo";\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--check']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^0 changed · 1 unchanged · 1 warning · \+0 −0 · /m);
  });
  it('a failure outranks "would change": exit 3', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n', 'b.ts': 'const boom = 1;\n' });
    const r = await cli(dir, ['run', '-t', THROW, '-t', RENAME, '--check']);
    expect(r.code).toBe(3);
  });
});

describe('--json', () => {
  it('prints one parseable, versioned document with per-file results', async () => {
    const dir = makeProject({
      'a.ts': 'const foo = 1;\nexport { foo };\n',
      'b.ts': 'export const s = "foo";\n',
      'c.ts': 'export const x = 1;\n',
      'd.ts': 'const boom = 1;\n',
    });
    const r = await cli(dir, ['run', '-t', THROW, '-t', RENAME, '--json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('codemigrate');
    expect(report.mode).toBe('preview');
    expect(report.written).toBe(false);
    expect(report.transforms).toEqual(['throw-on-boom', 'rename-foo']);
    expect(report.projects).toEqual([]);
    expect(report.files.map((f: { path: string; status: string }) => [f.path, f.status])).toEqual([
      ['a.ts', 'changed'],
      ['b.ts', 'unchanged'],
      ['c.ts', 'unchanged'],
      ['d.ts', 'failed'],
    ]);
    const [a, b, c, d] = report.files;
    expect(a).toMatchObject({ transforms: ['rename-foo'], insertions: 2, deletions: 2, warnings: [] });
    expect(a.diff).toBe('@@ -1,2 +1,2 @@\n-const foo = 1;\n-export { foo };\n+const bar = 1;\n+export { bar };\n');
    expect(b.warnings).toEqual([{ line: 1, column: 18, transform: 'rename-foo', message: 'left alone: "foo" in a string' }]);
    expect(b.diff).toBeUndefined();
    expect(c).toMatchObject({ transforms: [], insertions: 0, deletions: 0, warnings: [] });
    expect(d.error).toMatchObject({ message: 'boom in d.ts', transform: 'throw-on-boom' });
    // In-process under vitest, tsx's stack positions are not source-mapped; the e2e test checks the exact line.
    expect(d.error.location).toContain('throw-on-boom.ts');
    expect(report.totals).toEqual({ files: 4, changed: 1, unchanged: 2, skipped: 0, failed: 1, reverted: 0, insertions: 2, deletions: 2, warnings: 1 });
    expect(report.notes.map((n: { message: string }) => n.message).join('\n')).toContain('no tsconfig.json found');
    expect(typeof report.durationMs).toBe('number');
    // stderr carries no report: stdout is the whole document.
    expect(r.err).not.toMatch(SUMMARY);
    expect(r.err).not.toContain('left alone');
  });
});

describe('--print, --silent, colours', () => {
  it('--print prints each transformed file whole on stdout, nothing else', async () => {
    const dir = basicProject();
    const before = snapshot(dir);
    const r = await cli(dir, ['run', '-t', RENAME, '--print']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('const bar = 1;\nexport { bar };\n');
    expect(r.err).toMatch(SUMMARY);
    unchangedFiles(dir, before);
  });
  it('--print --silent prints the sources and nothing on stderr', async () => {
    const dir = basicProject();
    const r = await cli(dir, ['run', '-t', RENAME, '--print', '--silent']);
    expect(r).toEqual({ code: 0, out: 'const bar = 1;\nexport { bar };\n', err: '' });
  });
  it('--silent prints nothing on success, and still the failures', async () => {
    const dir = basicProject();
    const ok = await cli(dir, ['run', '-t', RENAME, '--silent']);
    expect(ok).toEqual({ code: 0, out: '', err: '' });
    const bad = makeProject({ 'a.ts': 'const boom = 1;\n', 'b.ts': 'const foo = 1;\n' });
    const r = await cli(bad, ['run', '-t', THROW, '-t', RENAME, '--silent']);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^failed a\.ts \(throw-on-boom\): boom in a\.ts\n {2}at .*throw-on-boom\.ts\S*\n$/);
  });
  it('--silent still prints usage errors', async () => {
    const dir = basicProject();
    const r = await cli(dir, ['run', '-t', RENAME, '--silent', 'missing.ts']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error path not found: missing\.ts\n/);
  });
  it('--verbose adds the skipped files with their reasons and the timings per phase', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n', 'b.d.ts': 'declare const foo: 1;\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--verbose', 'a.ts', 'b.d.ts']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('b.d.ts skipped: declaration files (.d.ts) are never edited\n');
    for (const phase of ['load transforms', 'load project', 'transform']) expect(r.err).toMatch(new RegExp(`^${phase}: (\\d+ ms|\\d+\\.\\d s)$`, 'm'));
    expect(r.err).toMatch(/^1 changed · 0 unchanged · 1 skipped · \+1 −1 · /m);
  });
  it('colours the diff and warnings when colour is on', async () => {
    const dir = basicProject();
    const r = await cli(dir, ['run', '-t', RENAME], { color: true });
    expect(r.out).toContain('\x1b[');
    expect(r.err).toContain('\x1b[');
    expect(plain(r.out)).toContain('+const bar = 1;');
    expect(plain(r.err)).toContain('b.ts:1:18 rename-foo: left alone: "foo" in a string');
  });
  it('NO_COLOR and --no-color turn colours off', async () => {
    const dir = basicProject();
    for (const [args, env] of [
      [['run', '-t', RENAME], { NO_COLOR: '1' }],
      [['run', '-t', RENAME, '--no-color'], {}],
    ] as const) {
      const r = await cli(dir, args, { color: true, env });
      expect(r.out, args.join(' ')).not.toContain('\x1b');
      expect(r.err, args.join(' ')).not.toContain('\x1b');
      expect(r.out).toContain('+const bar = 1;');
    }
  });
});

describe('progress', () => {
  const files = { 'a.ts': 'let a;\n', 'b.ts': 'let b;\n', 'c.ts': 'let c;\n', 'd.ts': 'let d;\n' };
  it('is shown on a terminal when the run takes a moment, then erased', async () => {
    const dir = makeProject(files);
    const r = await cli(dir, ['run', '-t', SLOW], { stderrIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/\r\x1b\[2K4\/4 files · slow/);
    // Erased before the report: nothing is drawn after the last erase.
    expect(r.err).toMatch(/files · slow\r\x1b\[2K[^\r]*$/);
  });
  it('is never shown when stderr is not a terminal, nor with --json', async () => {
    const dir = makeProject(files);
    const pipe = await cli(dir, ['run', '-t', SLOW], { stderrIsTTY: false });
    expect(pipe.err).not.toContain('files · slow');
    expect(pipe.err).not.toContain('\x1b');
    const json = await cli(dir, ['run', '-t', SLOW, '--json'], { stderrIsTTY: true });
    expect(json.err).toBe('');
    expect(JSON.parse(json.out).totals.files).toBe(4);
  });
});

describe('transforms', () => {
  it('runs several transforms in one pass, each on the previous one\'s output', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '-t', APPEND, '--print']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('const bar = 1;\n// seen: bar\n');
    const json = JSON.parse((await cli(dir, ['run', '-t', RENAME, '-t', APPEND, '--json'])).out);
    expect(json.files[0].transforms).toEqual(['rename-foo', 'append-line']);
  });

  it('a throwing transform fails its file with the message and its stack position; other files get results', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n', 'b.ts': 'const boom = foo;\n', 'c.ts': 'const foo = 2;\n' });
    const r = await cli(dir, ['run', '-t', THROW, '-t', RENAME]);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`failed b.ts (throw-on-boom): boom in b.ts\n  at ${THROW}`);
    expect(r.err).toMatch(/^2 changed · 0 unchanged · 1 failed · /m);
    expect(r.out).toContain('a.ts  (rename-foo)');
    expect(r.out).toContain('c.ts  (rename-foo)');
    expect(r.out).not.toContain('b.ts');
  });

  it('a file that does not parse fails alone: exit 3, every other file gets its result', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n', 'b.ts': 'const foo = ;;(\n', 'c.ts': 'const foo = 2;\n', 'd.ts': 'let x;\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--json', '--fail-on-error']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { status: string }) => f.status)).toEqual(['changed', 'failed', 'changed', 'unchanged']);
    expect(report.files[1].error.message).toMatch(/^does not parse: /);
  });

  it('runs a jscodeshift transform in CommonJS', async () => {
    const dir = makeProject({ 'a.ts': 'const foo: number = 1;\n', 'b.js': 'var foo = 2;\n' });
    const r = await cli(dir, ['run', '-t', JSCS, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { path: string; status: string; transforms: string[] }) => [f.path, f.status, f.transforms])).toEqual([
      ['a.ts', 'changed', ['rename-foo-jscodeshift']],
      ['b.js', 'changed', ['rename-foo-jscodeshift']],
    ]);
    expect(report.files[0].diff).toContain('+const bar: number = 1;');
  });

  it('passes unknown --key=value flags to transforms, parsed as JSON where they parse', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n' });
    const r = await cli(dir, ['run', '-t', JSCS, '--echo', '--to=baz', '--flow=true', '--n=3', '--list=[1,"x"]', '--s="quoted"', '--print']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('const baz = 1;\n');
    const echoed = /options (\{.*\})$/m.exec(r.err);
    expect(echoed).not.toBeNull();
    expect(JSON.parse(echoed![1]!)).toMatchObject({ echo: true, to: 'baz', flow: true, n: 3, list: [1, 'x'], s: 'quoted' });
  });

  it('gives a codemigrate transform its declared options from --key=value, and refuses undeclared ones', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--to=qux', '--print']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('const qux = 1;\n');
    const bad = await cli(dir, ['run', '-t', RENAME, '--nope=1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error rename-foo has no option "nope"\nhint its options are: to\n$/);
  });

  it('a built-in sub-command passes its option flags to its transform, the same as run -t with --key=value', async () => {
    const t = builtinTransforms.find((x) => Object.values((x.options ?? {}) as Record<string, { kind: string }>).some((o) => o.kind === 'choice'));
    expect(t).toBeDefined();
    const [key, spec] = Object.entries((t!.options ?? {}) as unknown as Record<string, { kind: string; choices: string[] }>).find(([, o]) => o.kind === 'choice')!;
    const dir = makeProject({
      'lib.ts': 'export interface A { a: number }\nexport const v = 1;\n',
      'main.ts': 'import { A, v } from "./lib";\nexport const x: A = { a: v };\n',
    });
    const outputs = new Map<string, string>();
    for (const choice of spec.choices) {
      const sub = await cli(dir, [t!.name, `--${key}`, choice, '--print', '--no-verify']);
      const viaRun = await cli(dir, ['run', '-t', t!.name, `--${key}=${choice}`, '--print', '--no-verify']);
      expect(sub.code, choice).toBe(0);
      expect(viaRun.out, choice).toBe(sub.out);
      outputs.set(choice, sub.out);
    }
    expect(new Set(outputs.values()).size).toBeGreaterThan(1);
  });

  it('takes a camelCase option as a kebab-case --key=value flag, as sub-command flags are spelled', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n' });
    const kebab = await cli(dir, ['run', '-t', APPEND, '--seen-label=saw', '--print']);
    expect(kebab.err).not.toMatch(/^error/m);
    expect(kebab.out).toBe('const foo = 1;\n// saw: foo\n');
    const camel = await cli(dir, ['run', '-t', APPEND, '--seenLabel=saw', '--print']);
    expect(camel.out).toBe('const foo = 1;\n// saw: foo\n');
  });

  it('a built-in transform\'s boolean flag also takes =true / =false (jscodeshift habit), on its sub-command and with run', async () => {
    const t = builtinTransforms.find((x) => Object.values((x.options ?? {}) as Record<string, { kind: string }>).some((o) => o.kind === 'boolean'));
    expect(t).toBeDefined();
    const key = Object.entries((t!.options ?? {}) as Record<string, { kind: string }>).find(([, o]) => o.kind === 'boolean')![0];
    const flag = `--${key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;
    const dir = makeProject({ 'a.ts': 'export const x = 1;\n' });
    for (const args of [
      [t!.name, flag],
      [t!.name, `${flag}=true`],
      [t!.name, `${flag}=false`],
      ['run', '-t', t!.name, flag],
      ['run', '-t', t!.name, `${flag}=false`],
    ]) {
      const r = await cli(dir, [...args, '--json']);
      expect(r.err, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('an unknown transform exits 2 and suggests the closest built-in name', async () => {
    const dir = basicProject();
    const name = builtinTransforms[0]!.name;
    const typo = name.slice(0, -1);
    const sub = await cli(dir, [typo, '.']);
    expect(sub.code).toBe(2);
    expect(sub.out).toBe('');
    expect(sub.err).toMatch(/^error .*\nhint did you mean /);
    expect(sub.err).toContain(`did you mean ${name}?`);
    const viaRun = await cli(dir, ['run', '-t', typo]);
    expect(viaRun.code).toBe(2);
    expect(viaRun.err).toContain(`error unknown transform: ${typo}\nhint did you mean ${name}?`);
    const file = await cli(dir, ['run', '-t', './nope/missing.ts']);
    expect(file.code).toBe(2);
    expect(file.err).toContain('error transform file not found: ./nope/missing.ts');
  });
});

describe('paths and selection', () => {
  it('a missing path exits 2 and names it', async () => {
    const dir = basicProject();
    const r = await cli(dir, ['run', '-t', RENAME, 'a.ts', 'missing/dir']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error path not found: missing\/dir\nhint /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('a glob that matches nothing exits 2', async () => {
    const dir = basicProject();
    const r = await cli(dir, ['run', '-t', RENAME, 'src/**/*.tsx']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error no files match src\/\*\*\/\*\.tsx\nhint /);
  });
  it('a glob selects the files it matches', async () => {
    const dir = makeProject({ 'src/a.ts': 'foo;\n', 'src/deep/b.ts': 'foo;\n', 'other/c.ts': 'foo;\n' });
    const r = await cli(dir, ['run', '-t', RENAME, 'src/**/*.ts', '--json']);
    expect(JSON.parse(r.out).files.map((f: { path: string }) => f.path)).toEqual(['src/a.ts', 'src/deep/b.ts']);
  });

  it('respects .gitignore, nested ones too, and --no-gitignore turns that off', async () => {
    const dir = makeProject(
      {
        '.gitignore': 'build/\n*.gen.ts\n',
        'src/a.ts': 'foo;\n',
        'src/a.gen.ts': 'foo;\n',
        'build/out.ts': 'foo;\n',
        'src/.gitignore': 'local/\n!keep.gen.ts\n',
        'src/keep.gen.ts': 'foo;\n',
        'src/local/x.ts': 'foo;\n',
        'src/nested/.gitignore': '/only-here.ts\n',
        'src/nested/only-here.ts': 'foo;\n',
        'src/nested/deeper/only-here.ts': 'foo;\n',
      },
      { git: true },
    );
    const paths = async (args: string[]): Promise<string[]> => {
      const r = await cli(dir, ['run', '-t', RENAME, '--json', ...args]);
      expect(r.code).toBe(0);
      return JSON.parse(r.out).files.map((f: { path: string }) => f.path);
    };
    expect(await paths([])).toEqual(['src/a.ts', 'src/keep.gen.ts', 'src/nested/deeper/only-here.ts']);
    // The same files git itself does not ignore.
    const notIgnored = git(dir, 'ls-files', '--cached', '--others', '--exclude-standard').split('\n').filter((p) => p.endsWith('.ts'));
    expect(notIgnored.sort()).toEqual(await paths([]));
    expect(await paths(['--no-gitignore'])).toEqual([
      'build/out.ts',
      'src/a.gen.ts',
      'src/a.ts',
      'src/keep.gen.ts',
      'src/local/x.ts',
      'src/nested/deeper/only-here.ts',
      'src/nested/only-here.ts',
    ]);
    // From a subdirectory, the .gitignore files above it still apply.
    const sub = await cli(`${dir}/src`, ['run', '-t', RENAME, '--json']);
    expect(JSON.parse(sub.out).files.map((f: { path: string }) => f.path)).toEqual(['a.ts', 'keep.gen.ts', 'nested/deeper/only-here.ts']);
  });

  it('.gitignore applies outside a git repository too (from the cwd)', async () => {
    const dir = makeProject({ '.gitignore': 'gen/\n', 'a.ts': 'foo;\n', 'gen/b.ts': 'foo;\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--json']);
    expect(JSON.parse(r.out).files.map((f: { path: string }) => f.path)).toEqual(['a.ts']);
  });

  it('never edits node_modules or .d.ts files, even with --no-gitignore or named explicitly', async () => {
    const dir = makeProject({
      'a.ts': 'foo;\n',
      'types.d.ts': 'declare const foo: number;\n',
      'x.d.mts': 'declare const foo: number;\n',
      'node_modules/pkg/index.ts': 'foo;\n',
      'src/node_modules/inner.js': 'foo;\n',
    });
    const all = await cli(dir, ['run', '-t', RENAME, '--no-gitignore', '--json']);
    expect(JSON.parse(all.out).files.map((f: { path: string }) => f.path)).toEqual(['a.ts']);
    const named = await cli(dir, ['run', '-t', RENAME, '--json', 'types.d.ts', 'node_modules/pkg/index.ts']);
    expect(named.code).toBe(0);
    const report = JSON.parse(named.out);
    expect(report.files.map((f: { path: string; status: string; reason: string }) => [f.path, f.status, f.reason])).toEqual([
      ['node_modules/pkg/index.ts', 'skipped', 'files in node_modules are never edited'],
      ['types.d.ts', 'skipped', 'declaration files (.d.ts) are never edited'],
    ]);
    const globbed = await cli(dir, ['run', '-t', RENAME, '--json', '**/*.ts']);
    expect(JSON.parse(globbed.out).files.map((f: { path: string }) => f.path)).toEqual(['a.ts']);
  });

  it('--ignore-pattern is repeatable', async () => {
    const dir = makeProject({ 'a.ts': 'foo;\n', 'b.test.ts': 'foo;\n', 'fixtures/c.ts': 'foo;\n', 'd.ts': 'foo;\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--json', '--ignore-pattern', '*.test.ts', '--ignore-pattern=fixtures/']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files.map((f: { path: string }) => f.path)).toEqual(['a.ts', 'd.ts']);
  });

  it('--extensions limits the files; a file named explicitly with another extension is skipped with the reason', async () => {
    const dir = makeProject({ 'a.ts': 'foo;\n', 'b.js': 'foo;\n', 'c.mjs': 'foo;\n', 'd.tsx': 'foo;\n', 'e.vue': 'foo;\n' });
    const dflt = await cli(dir, ['run', '-t', RENAME, '--json']);
    expect(JSON.parse(dflt.out).files.map((f: { path: string }) => f.path)).toEqual(['a.ts', 'b.js', 'c.mjs', 'd.tsx']);
    const some = await cli(dir, ['run', '-t', RENAME, '--json', '--extensions', 'js,mjs']);
    expect(JSON.parse(some.out).files.map((f: { path: string }) => f.path)).toEqual(['b.js', 'c.mjs']);
    const named = await cli(dir, ['run', '-t', RENAME, '--json', '--extensions', 'js', 'a.ts']);
    const report = JSON.parse(named.out);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ path: 'a.ts', status: 'skipped' });
    expect(report.files[0].reason).toContain('--extensions');
  });
});

describe('tsconfig', () => {
  const optionsOf = (out: string): Record<string, string> =>
    Object.fromEntries(
      JSON.parse(out).files.map((f: { path: string; warnings: Array<{ message: string }> }) => [f.path, f.warnings.map((w) => w.message).join('; ')]),
    );

  it('no tsconfig: default compiler options, and the report says so', async () => {
    const dir = makeProject({ 'a.ts': 'let a;\n' });
    const r = await cli(dir, ['run', '-t', REPORT_OPTIONS, '--json']);
    const report = JSON.parse(r.out);
    expect(report.projects).toEqual([]);
    expect(optionsOf(r.out)['a.ts']).toBe('tsconfig none target=9 strict=true');
    expect(report.notes).toEqual([
      expect.objectContaining({ transform: 'codemigrate', message: expect.stringContaining('no tsconfig.json found at or above the paths') }),
    ]);
    const pretty = await cli(dir, ['run', '-t', RENAME]);
    expect(pretty.err).toContain('note codemigrate: no tsconfig.json found');
  });

  it('uses the nearest tsconfig.json above the paths', async () => {
    const dir = makeProject({
      'tsconfig.json': '{ "compilerOptions": { "target": "ES2019", "strict": false }, "include": ["src"] }',
      'src/a.ts': 'let a;\n',
    });
    const r = await cli(`${dir}/src`, ['run', '-t', REPORT_OPTIONS, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).projects).toEqual(['../tsconfig.json']);
    expect(optionsOf(r.out)['a.ts']).toBe(`tsconfig ${dir}/tsconfig.json target=6 strict=false`);
  });

  it('a solution tsconfig loads each referenced project, and files get their own project\'s options', async () => {
    const dir = makeProject({
      'tsconfig.json': '{ "files": [], "references": [{ "path": "./packages/a" }, { "path": "./packages/b/tsconfig.json" }] }',
      'packages/a/tsconfig.json': '{ "compilerOptions": { "composite": true, "target": "ES2017", "strict": true } }',
      'packages/a/index.ts': 'let a;\n',
      'packages/b/tsconfig.json': '// comments are allowed\n{ "compilerOptions": { "composite": true, "target": "ES2020", "strict": false }, }',
      'packages/b/index.ts': 'let b;\n',
    });
    const r = await cli(dir, ['run', '-t', REPORT_OPTIONS, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).projects).toEqual(['packages/a/tsconfig.json', 'packages/b/tsconfig.json']);
    expect(optionsOf(r.out)).toEqual({
      'packages/a/index.ts': `tsconfig ${dir}/packages/a/tsconfig.json target=4 strict=true`,
      'packages/b/index.ts': `tsconfig ${dir}/packages/b/tsconfig.json target=7 strict=false`,
    });
  });

  it('paths in different packages each get their own nearest tsconfig', async () => {
    const dir = makeProject({
      'packages/a/tsconfig.json': '{ "compilerOptions": { "target": "ES2017" } }',
      'packages/a/index.ts': 'let a;\n',
      'packages/b/tsconfig.json': '{ "compilerOptions": { "target": "ES2020" } }',
      'packages/b/src/index.ts': 'let b;\n',
      'scripts/c.ts': 'let c;\n',
    });
    const r = await cli(dir, ['run', '-t', REPORT_OPTIONS, '--json', 'packages/a', 'packages/b/src/index.ts']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.projects).toEqual(['packages/a/tsconfig.json', 'packages/b/tsconfig.json']);
    expect(report.notes).toEqual([]);
    expect(optionsOf(r.out)).toEqual({
      'packages/a/index.ts': `tsconfig ${dir}/packages/a/tsconfig.json target=4 strict=false`,
      'packages/b/src/index.ts': `tsconfig ${dir}/packages/b/tsconfig.json target=7 strict=false`,
    });
  });

  it('a path with no tsconfig above it gets the defaults (and the note), not another path\'s tsconfig', async () => {
    const dir = makeProject({
      'packages/a/tsconfig.json': '{ "compilerOptions": { "target": "ES2017" } }',
      'packages/a/index.ts': 'let a;\n',
      'scripts/c.ts': 'let c;\n',
    });
    const r = await cli(dir, ['run', '-t', REPORT_OPTIONS, '--json', 'packages/a', 'scripts']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.projects).toEqual(['packages/a/tsconfig.json']);
    expect(optionsOf(r.out)).toEqual({
      'packages/a/index.ts': `tsconfig ${dir}/packages/a/tsconfig.json target=4 strict=false`,
      'scripts/c.ts': 'tsconfig none target=9 strict=true',
    });
    expect(report.notes.map((n: { message: string }) => n.message).join('\n')).toMatch(/no tsconfig\.json found .*default compiler options/);
  });

  it('a solution whose reference does not exist exits 2', async () => {
    const dir = makeProject({ 'tsconfig.json': '{ "files": [], "references": [{ "path": "./gone" }] }', 'a.ts': 'let a;\n' });
    const r = await cli(dir, ['run', '-t', REPORT_OPTIONS]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error tsconfig\.json references gone\/tsconfig\.json, which does not exist\nhint /);
  });

  it('--project (and --tsconfig) choose the tsconfig', async () => {
    const dir = makeProject({
      'tsconfig.json': '{ "compilerOptions": { "target": "ES2019" } }',
      'tsconfig.other.json': '{ "compilerOptions": { "target": "ES2021" } }',
      'a.ts': 'let a;\n',
    });
    for (const flag of ['--project', '--tsconfig']) {
      const r = await cli(dir, ['run', '-t', REPORT_OPTIONS, '--json', flag, 'tsconfig.other.json']);
      expect(r.code, flag).toBe(0);
      expect(JSON.parse(r.out).projects).toEqual(['tsconfig.other.json']);
      expect(optionsOf(r.out)['a.ts']).toBe(`tsconfig ${dir}/tsconfig.other.json target=8 strict=false`);
    }
    const missing = await cli(dir, ['run', '-t', REPORT_OPTIONS, '--project', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^error --project nope\.json: no such file\nhint /);
  });

  it('a tsconfig that does not parse exits 2 with error and hint, no stack', async () => {
    for (const text of ['{ "compilerOptions": {', '{ "compilerOptions": { "target": "nope" } }', '{ "extends": "./missing.json" }']) {
      const dir = makeProject({ 'tsconfig.json': text, 'a.ts': 'const foo = 1;\n' });
      const r = await cli(dir, ['run', '-t', RENAME, '--write']);
      expect(r.code, text).toBe(2);
      expect(r.out).toBe('');
      expect(r.err, text).toMatch(/^error (cannot read|invalid) tsconfig\.json: .+\nhint .+\n$/);
      expect(read(dir, 'a.ts')).toBe('const foo = 1;\n');
    }
  });
});

describe('list and help', () => {
  it('migrate list names every built-in transform with its summary and options', async () => {
    const r = await cli(process.cwd(), ['list']);
    expect(r.code).toBe(0);
    for (const t of builtinTransforms) {
      expect(r.out).toContain(`${t.name.padEnd(26)}${t.summary}\n`);
      for (const key of Object.keys((t.options ?? {}) as object)) expect(r.out).toContain(`--${key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`);
    }
  });
  it('migrate list --json is the same list as data', async () => {
    const r = await cli(process.cwd(), ['list', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out);
    expect(list.map((t: { name: string }) => t.name)).toEqual(builtinTransforms.map((t) => t.name));
    for (const [i, t] of builtinTransforms.entries()) {
      expect(list[i]).toMatchObject({ name: t.name, summary: t.summary, engine: t.engine });
      expect(Object.keys(list[i].options)).toEqual(Object.keys((t.options ?? {}) as object));
    }
  });
  it('--help lists the commands and every built-in transform', async () => {
    const r = await cli(process.cwd(), ['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: migrate/);
    expect(r.out).toMatch(/^\s+list\b/m);
    expect(r.out).toMatch(/^\s+run\b/m);
    for (const t of builtinTransforms) expect(r.out).toContain(`  ${t.name.padEnd(26)}${t.summary}`);
    expect(r.out).toContain('Exit codes:');
  });
  it('no command prints the help on stderr and exits 2', async () => {
    const r = await cli(process.cwd(), []);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: migrate/);
  });
  it('migrate help and -V exit 0', async () => {
    const help = await cli(process.cwd(), ['help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: migrate/);
    const version = await cli(process.cwd(), ['-V']);
    expect(version).toMatchObject({ code: 0, out: `${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n` });
  });
  it('<transform> --help shows its options, defaults and an example', async () => {
    for (const t of builtinTransforms) {
      const r = await cli(process.cwd(), [t.name, '--help']);
      expect(r.code, t.name).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: migrate ${t.name}`));
      expect(r.out).toContain('--write');
      expect(r.out).toContain('Example:');
      for (const [key, spec] of Object.entries((t.options ?? {}) as Record<string, { default: unknown }>)) {
        expect(r.out, `${t.name} --${key}`).toContain(`--${key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`);
        expect(r.out).toContain(`(default: ${JSON.stringify(spec.default)})`);
      }
    }
  });
});

describe('writing', () => {
  it('a second run changes nothing', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n', 'b.ts': 'let x = foo;\n' });
    const first = await cli(dir, ['run', '-t', RENAME, '-t', APPEND, '--write']);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/^2 written · 0 unchanged · /m);
    expect(read(dir, 'a.ts')).toBe('const bar = 1;\n// seen: bar\n');
    const before = snapshot(dir);
    const again = await cli(dir, ['run', '-t', RENAME, '-t', APPEND, '--write']);
    expect(again.code).toBe(0);
    expect(again.out).toBe('');
    expect(again.err).toMatch(/^0 changed · 2 unchanged · /m);
    unchangedFiles(dir, before);
    expect((await cli(dir, ['run', '-t', RENAME, '-t', APPEND, '--check'])).code).toBe(0);
  });

  it('refuses to write an untracked file that .gitignore hides (--no-gitignore): it has no restore point either', async () => {
    const dir = makeProject({ '.gitignore': 'gen/\n', 'gen/a.ts': 'let foo = 1;\n', 'b.ts': 'let foo = 2;\n' }, { git: true });
    const before = snapshot(dir);
    const r = await cli(dir, ['run', '-t', RENAME, '--no-gitignore', '--write']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error refusing to write: 1 file has uncommitted or untracked changes: gen\/a\.ts\nhint /);
    unchangedFiles(dir, before);
    for (const flag of ['--allow-dirty', '-f', '--force']) {
      const forced = await cli(dir, ['run', '-t', RENAME, '--no-gitignore', '--write', flag]);
      expect(forced.code, flag).toBe(0);
      expect(read(dir, 'gen/a.ts')).toBe('let bar = 1;\n');
      writeFiles(dir, { 'gen/a.ts': 'let foo = 1;\n' });
      git(dir, 'checkout', 'b.ts');
    }
  });

  it('the dirty check uses the files\' own repository, not the cwd\'s', async () => {
    const repo = makeProject({ 'a.ts': 'let foo = 1;\n' }, { git: true });
    writeFiles(repo, { 'a.ts': 'let foo = 1; // uncommitted\n' });
    const elsewhere = makeProject({ 'readme.txt': 'not a repository\n' });
    const r = await cli(elsewhere, ['run', '-t', RENAME, '--write', `${repo}/a.ts`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error refusing to write: 1 file has uncommitted or untracked changes: /);
    expect(read(repo, 'a.ts')).toBe('let foo = 1; // uncommitted\n');
  });

  it('from inside a repository, files outside any repository are written with the no-restore-point note', async () => {
    const repo = makeProject({ 'x.ts': 'let y = 1;\n' }, { git: true });
    const plainDir = makeProject({ 'a.ts': 'let foo = 1;\n' });
    const r = await cli(repo, ['run', '-t', RENAME, '--write', `${plainDir}/a.ts`]);
    expect(r.err).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(read(plainDir, 'a.ts')).toBe('let bar = 1;\n');
    expect(r.err).toContain('no restore point');
  });

  it('the dirty check looks only at the files it would write', async () => {
    const dir = makeProject({ 'a.ts': 'let foo = 1;\n', 'b.ts': 'let x = 1;\n' }, { git: true });
    writeFiles(dir, { 'b.ts': 'let x = 2;\n', 'notes.txt': 'untracked\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--write']);
    expect(r.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe('let bar = 1;\n');
    expect(r.err).not.toContain('restore point');
  });

  it('never rewrites a file that is not valid UTF-8 (its other bytes would be lost): skipped with the reason', async () => {
    const latin1 = Buffer.from('// caf\xe9\nconst foo = 1;\n', 'latin1');
    const dir = makeProject({ 'latin1.ts': latin1, 'ok.ts': 'const foo = 2;\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--write', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.files[0]).toMatchObject({ path: 'latin1.ts', status: 'skipped' });
    expect(report.files[0].reason).toMatch(/UTF-8/);
    expect(readFileSync(`${dir}/latin1.ts`).equals(latin1)).toBe(true);
    expect(read(dir, 'ok.ts')).toBe('const bar = 2;\n');
  });

  it('writes through a symlink named on the command line: the link stays a link, its target changes', async () => {
    const dir = makeProject({ 'real/a.ts': 'const foo = 1;\n' });
    symlinkSync('real/a.ts', `${dir}/link.ts`);
    const r = await cli(dir, ['run', '-t', RENAME, '--write', 'link.ts']);
    expect(r.code).toBe(0);
    expect(lstatSync(`${dir}/link.ts`).isSymbolicLink()).toBe(true);
    expect(read(dir, 'real/a.ts')).toBe('const bar = 1;\n');
  });

  it('the dirty check looks at a symlink\'s target, which is what gets written', async () => {
    const dir = makeProject({ 'real/a.ts': 'const foo = 1;\n' });
    symlinkSync('real/a.ts', `${dir}/link.ts`);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'initial');
    writeFiles(dir, { 'real/a.ts': 'const foo = 1; // uncommitted\n' });
    const r = await cli(dir, ['run', '-t', RENAME, '--write', 'link.ts']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error refusing to write: 1 file has uncommitted or untracked changes: real\/a\.ts\n/);
    expect(read(dir, 'real/a.ts')).toBe('const foo = 1; // uncommitted\n');
  });

  it('does not overwrite a file that changed on disk between read and write', async () => {
    const dir = makeProject({ 'a.ts': '// edited meanwhile\n', 'b.ts': 'const foo = 1;\n' });
    const r = await cli(dir, ['run', '-t', EDIT_ON_DISK, '-t', RENAME, '--write', '--json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out);
    expect(report.files[0]).toMatchObject({ path: 'a.ts', status: 'failed' });
    expect(report.files[0].error.message).toContain('changed on disk');
    expect(read(dir, 'a.ts')).toBe('// edited meanwhile\n// saved by someone else\n');
    expect(report.files[1]).toMatchObject({ path: 'b.ts', status: 'changed' });
    expect(read(dir, 'b.ts')).toBe('const bar = 1;\n');
  });
});

describe('project-level edits (a transform\'s finish step)', () => {
  const BUMP = transformPath('bump-target.ts');
  it('are previewed as diffs, noted, written with --write (BOM and CRLF kept), and checked for a restore point', async () => {
    const tsconfig = '\uFEFF{\r\n  "compilerOptions": { "target": "ES2019" }\r\n}\r\n';
    const dir = makeProject({ 'tsconfig.json': tsconfig, 'a.ts': 'let a;\n' }, { git: true });
    const preview = await cli(dir, ['run', '-t', BUMP, '--json']);
    expect(preview.code).toBe(0);
    const report = JSON.parse(preview.out);
    expect(report.files.find((f: { path: string }) => f.path === 'tsconfig.json')).toMatchObject({ status: 'changed', transforms: ['bump-target'] });
    expect(report.notes).toContainEqual({ transform: 'bump-target', message: 'raised the target to ES2022', path: 'tsconfig.json' });
    expect(readFileSync(`${dir}/tsconfig.json`, 'utf8')).toBe(tsconfig);

    writeFiles(dir, { 'tsconfig.json': tsconfig.replace('}\r\n}', '}, "include": ["."]\r\n}') });
    const dirty = await cli(dir, ['run', '-t', BUMP, '--write']);
    expect(dirty.code).toBe(2);
    expect(dirty.err).toContain('refusing to write: 1 file has uncommitted or untracked changes: tsconfig.json');
    git(dir, 'checkout', 'tsconfig.json');

    const written = await cli(dir, ['run', '-t', BUMP, '--write']);
    expect(written.code).toBe(0);
    expect(written.err).toContain('note bump-target: tsconfig.json: raised the target to ES2022\n');
    expect(readFileSync(`${dir}/tsconfig.json`, 'utf8')).toBe('\uFEFF{\r\n  "compilerOptions": { "target": "ES2022" }\r\n}\r\n');
  });

  it('a failing finish step exits 3 and says so; a file skipped on purpose is skipped with its reason', async () => {
    const dir = makeProject({ 'tsconfig.json': '{ "compilerOptions": { "target": "ES2019" } }', 'a.ts': '// skip me\n', 'b.ts': 'let b;\n' });
    const r = await cli(dir, ['run', '-t', BUMP, '--explode=true', '--json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out);
    expect(report.notes).toContainEqual(expect.objectContaining({ transform: 'bump-target', level: 'error', message: expect.stringContaining('finish exploded') }));
    expect(report.files.map((f: { path: string; status: string; reason?: string }) => [f.path, f.status, f.reason])).toEqual([
      ['a.ts', 'skipped', 'bump-target: asked to'],
      ['b.ts', 'unchanged', undefined],
    ]);
    const pretty = await cli(dir, ['run', '-t', BUMP, '--explode=true']);
    expect(pretty.code).toBe(3);
    expect(pretty.err).toMatch(/^error bump-target: the project-level step failed: finish exploded/m);
  });
});

describe('--patch', () => {
  it('a --patch path that cannot be written is a usage error before anything runs (exit 2, nothing written)', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n', 'sub/b.ts': 'let x;\n' });
    for (const target of ['no-such-dir/changes.patch', 'sub']) {
      const r = await cli(dir, ['run', '-t', RENAME, '--write', '--patch', target]);
      expect(r.code, target).toBe(2);
      expect(r.err, target).toMatch(new RegExp(`^error --patch ${target}: .+\\nhint .+\\n$`));
      expect(read(dir, 'a.ts')).toBe('const foo = 1;\n');
    }
  });
  it('with --write, the patch is what was written: it reverses cleanly, back to the committed files', async () => {
    const dir = makeProject({ 'a.ts': 'let foo = 1;\n', 'b.ts': 'let x = foo;\r\n', 'c.ts': 'let y;\n' }, { git: true });
    const r = await cli(dir, ['run', '-t', RENAME, '--write', '--patch', 'written.patch']);
    expect(r.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe('let bar = 1;\n');
    git(dir, 'apply', '-R', 'written.patch');
    expect(git(dir, 'status', '--porcelain', '--untracked-files=no')).toBe('');
  });
  it('run from a subdirectory, the patch has paths from the repository root and git apply gives what --write gives', async () => {
    const files = { 'src/a.ts': 'const foo = 1;\r\n', 'src/lib/b.ts': '\uFEFFlet foo;', 'other/c.ts': 'let foo;\n' };
    const dir = makeProject(files, { git: true });
    const r = await cli(`${dir}/src`, ['run', '-t', RENAME, '--patch', '../changes.patch']);
    expect(r.code).toBe(0);
    const patch = read(dir, 'changes.patch');
    expect(patch).toMatch(/^diff --git a\/src\/a\.ts b\/src\/a\.ts\n/);
    expect(patch).toContain('diff --git a/src/lib/b.ts b/src/lib/b.ts\n');
    expect(patch).not.toContain('other/c.ts');
    git(dir, 'apply', 'changes.patch');
    expect(read(dir, 'src/a.ts')).toBe('const bar = 1;\r\n');
    expect(read(dir, 'src/lib/b.ts')).toBe('\uFEFFlet bar;');
    expect(read(dir, 'other/c.ts')).toBe('let foo;\n');
  });
});

describe('Node API: migrate()', () => {
  it('returns the same report as --json and prints nothing', async () => {
    const dir = basicProject();
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    let summary;
    try {
      summary = await migrate({ transforms: [RENAME], cwd: dir });
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const json = JSON.parse((await cli(dir, ['run', '-t', RENAME, '--json'])).out);
    expect({ ...summary, durationMs: 0 }).toEqual({ ...json, durationMs: 0 });
    expect(read(dir, 'a.ts')).toBe('const foo = 1;\nexport { foo };\n');
  });

  it('takes transform objects and options, and writes with write: true', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n' });
    const renameFoo = (await import('./support/transforms/rename-foo.js')).default;
    const summary = await migrate({ transforms: [renameFoo], cwd: dir, options: { to: 'zed' }, write: true });
    expect(summary.written).toBe(true);
    expect(summary.files[0]).toMatchObject({ path: 'a.ts', status: 'changed' });
    expect(read(dir, 'a.ts')).toBe('const zed = 1;\n');
  });

  it('rejects with a UsageError for usage errors, and writes nothing', async () => {
    const dir = basicProject();
    await expect(migrate({ transforms: ['no-such-transform'], cwd: dir })).rejects.toBeInstanceOf(UsageError);
    await expect(migrate({ transforms: [RENAME], cwd: dir, paths: ['missing.ts'] })).rejects.toBeInstanceOf(UsageError);
    await expect(migrate({ transforms: [RENAME], cwd: dir, options: { nope: 1 }, write: true })).rejects.toBeInstanceOf(UsageError);
    await expect(migrate({ transforms: [RENAME], cwd: dir, options: { to: 'x' }, paths: ['src/**/*.nothing'] })).rejects.toThrow(/no files match/);
    expect(read(dir, 'a.ts')).toBe('const foo = 1;\nexport { foo };\n');
  });
});

describe('mistyped flags', () => {
  it('names the codemigrate flag a mistyped --key is close to, and still passes it to jscodeshift transforms', async () => {
    const dir = makeProject({ 'a.js': 'const foo = 1;\n' });
    const result = await cli(dir, ['run', '-t', transformPath('rename-foo-jscodeshift.cjs'), '--wirte', 'a.js']);
    expect(result.err).toContain('note --wirte is not a codemigrate flag: it is passed to the transforms as an option (did you mean --write?)');
    expect(result.code).toBe(0);
    expect(read(dir, 'a.js')).toBe('const foo = 1;\n');
    const longOption = await cli(dir, ['run', '-t', transformPath('rename-foo-jscodeshift.cjs'), '--print-width=80', 'a.js']);
    expect(longOption.err).not.toContain('is not a codemigrate flag');
  });
});
