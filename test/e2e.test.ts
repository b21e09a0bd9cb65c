// End to end: `node bin/migrate.js` (on the dist/ that the global setup built) on temporary git
// repositories. stdout and stderr are pipes here, as in CI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject, it, type ExpectStatic } from 'vitest';
import { builtinTransforms } from '../transforms/index.js';
import { git, makeProject, read, removeProjects, runBin, snapshot, transformPath, writeFiles, type FileSpec } from './support/e2e.js';

beforeAll(() => {
  const buildError = inject('buildError');
  if (buildError) throw new Error(buildError);
});
afterAll(removeProjects);

const RENAME = transformPath('rename-foo.ts');
const THROW = transformPath('throw-on-boom.ts');
const JSCS = transformPath('rename-foo-jscodeshift.cjs');

const BOM = '\uFEFF';

/** Files that exercise the writer: CRLF, BOM, no final newline, an executable file, a nested file. */
const TRICKY: Record<string, FileSpec> = {
  'src/crlf.ts': 'const foo = 1;\r\nexport { foo };\r\n',
  'src/bom.ts': `${BOM}export const foo = 2;\n`,
  'src/no-newline.ts': 'let a = 1;\nlet foo = a;',
  'bin/tool.js': { text: '#!/usr/bin/env node\nconsole.log(foo);\n', mode: 0o755 },
  'src/deep/nested/x.ts': 'import { foo } from "../../crlf";\nfoo;\n',
  'src/same.ts': 'export const untouched = 1;\n',
};

/** Every file's bytes, mtime and mode are as they were. */
function expectUntouched(expect: ExpectStatic, dir: string, before: ReturnType<typeof snapshot>): void {
  const after = snapshot(dir);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [path, state] of before) {
    const now = after.get(path)!;
    expect(now.bytes.equals(state.bytes), `${path} bytes`).toBe(true);
    expect(now.mtimeMs, `${path} mtime`).toBe(state.mtimeMs);
    expect(now.mode, `${path} mode`).toBe(state.mode);
  }
}

// Spawns are slow on a loaded machine: a generous timeout per test.
describe.concurrent('bin/migrate.js', { timeout: 180_000 }, () => {
  it('a dry run (and --check) writes nothing: same bytes, same mtimes', async ({ expect }) => {
    const dir = makeProject(TRICKY, { git: true });
    const before = snapshot(dir);
    const dry = await runBin(dir, ['run', '-t', RENAME, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('src/crlf.ts  (rename-foo)');
    expect(dry.err).toMatch(/^5 changed · 1 unchanged · \+\d+ −\d+ · [\d.]+ m?s$/m);
    expect(dry.err).not.toContain('\r'); // no progress line: stderr is not a terminal
    expect(dry.out).not.toContain('\x1b'); // no colours: stdout is not a terminal
    const check = await runBin(dir, ['run', '-t', RENAME, '--check']);
    expect(check.code).toBe(1);
    expectUntouched(expect, dir, before);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('--write gives exactly what git apply of --patch gives; CRLF, BOM and file modes are kept', async ({ expect }) => {
    const previewDir = makeProject(TRICKY, { git: true });
    const patchedDir = makeProject(TRICKY, { git: true });
    const writtenDir = makeProject(TRICKY, { git: true });
    const preview = await runBin(previewDir, ['run', '-t', RENAME, '--patch', 'changes.patch']);
    expect(preview.code).toBe(0);
    const patch = readFileSync(join(previewDir, 'changes.patch'), 'utf8');
    expect(patch).toContain('diff --git a/src/crlf.ts b/src/crlf.ts\n');
    const holder = makeProject({ 'changes.patch': patch });
    git(patchedDir, 'apply', '--whitespace=nowarn', join(holder, 'changes.patch'));

    const written = await runBin(writtenDir, ['run', '-t', RENAME, '--write']);
    expect(written.code).toBe(0);
    expect(written.err).toMatch(/^5 written · 1 unchanged · /m);

    const patched = snapshot(patchedDir);
    const result = snapshot(writtenDir);
    expect([...result.keys()].sort()).toEqual([...patched.keys()].sort());
    for (const [path, state] of patched) expect(result.get(path)!.bytes.toString('latin1'), path).toBe(state.bytes.toString('latin1'));

    expect(read(writtenDir, 'src/crlf.ts')).toBe('const bar = 1;\r\nexport { bar };\r\n');
    expect(read(writtenDir, 'src/bom.ts')).toBe(`${BOM}export const bar = 2;\n`);
    expect(read(writtenDir, 'src/no-newline.ts')).toBe('let a = 1;\nlet bar = a;');
    expect(result.get('bin/tool.js')!.mode).toBe(0o755);
    expect(read(writtenDir, 'bin/tool.js')).toBe('#!/usr/bin/env node\nconsole.log(bar);\n');
    expect(result.get('src/same.ts')!.mode).toBe(0o644);
    // No temporary files left behind, and git sees only content changes (no mode changes).
    expect(git(writtenDir, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M bin/tool.js',
      ' M src/bom.ts',
      ' M src/crlf.ts',
      ' M src/deep/nested/x.ts',
      ' M src/no-newline.ts',
    ]);
    expect(git(writtenDir, 'diff', '--summary')).toBe('');

    // The second run changes nothing.
    const again = await runBin(writtenDir, ['run', '-t', RENAME, '--check']);
    expect(again.code).toBe(0);
    expect(again.out).toBe('');
  });

  it('refuses to write over uncommitted or untracked changes (exit 2, nothing written); --allow-dirty overrides', async ({ expect }) => {
    const dir = makeProject(
      { 'tracked.ts': 'let foo = 1;\n', 'staged.ts': 'let foo = 2;\n', 'clean.ts': 'let foo = 3;\n', 'dirty-but-unaffected.ts': 'let x = 1;\n' },
      { git: true },
    );
    writeFiles(dir, {
      'tracked.ts': 'let foo = 1; // local edit\n',
      'staged.ts': 'let foo = 2; // staged edit\n',
      'untracked.ts': 'let foo = 4;\n',
      'dirty-but-unaffected.ts': 'let x = 2;\n',
    });
    git(dir, 'add', 'staged.ts');
    const before = snapshot(dir);
    const refused = await runBin(dir, ['run', '-t', RENAME, '--write']);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toBe(
      'error refusing to write: 3 files have uncommitted or untracked changes: staged.ts, tracked.ts, untracked.ts\n' +
        'hint commit or stash them first so that every write has a restore point, or pass --allow-dirty\n',
    );
    expectUntouched(expect, dir, before);

    const forced = await runBin(dir, ['run', '-t', RENAME, '--write', '--allow-dirty']);
    expect(forced.code).toBe(0);
    expect(read(dir, 'tracked.ts')).toBe('let bar = 1; // local edit\n');
    expect(read(dir, 'untracked.ts')).toBe('let bar = 4;\n');
    expect(read(dir, 'clean.ts')).toBe('let bar = 3;\n');
  });

  it('outside a git work tree it writes, and says there is no restore point', async ({ expect }) => {
    const dir = makeProject({ 'a.ts': 'let foo = 1;\n', 'b.ts': 'let y = 1;\n' });
    const r = await runBin(dir, ['run', '-t', RENAME, '--write']);
    expect(r.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe('let bar = 1;\n');
    expect(r.err).toContain('note codemigrate: not a git work tree: the files were written with no restore point\n');
    expect(r.err).toMatch(/^1 written · 1 unchanged · /m);
  });

  it('a broken file and a throwing transform fail alone (exit 3); every other file is written', async ({ expect }) => {
    const files: Record<string, string> = { 'broken.ts': 'let foo = ;;(\n', 'boom.ts': 'let boom = foo;\n' };
    for (let i = 0; i < 8; i++) files[`ok${i}.ts`] = `export let foo${i} = foo;\n`;
    const dir = makeProject(files, { git: true });
    const r = await runBin(dir, ['run', '-t', THROW, '-t', RENAME, '--write', '--json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out);
    const byPath = Object.fromEntries(report.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath['broken.ts']).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/^does not parse: /) } });
    const throwLine = readFileSync(THROW, 'utf8').split('\n').findIndex((l) => l.includes('THROW-LINE')) + 1;
    expect(byPath['boom.ts'].error).toMatchObject({ message: 'boom in boom.ts', transform: 'throw-on-boom', location: `${THROW}:${throwLine}:9` });
    expect(read(dir, 'broken.ts')).toBe('let foo = ;;(\n');
    expect(read(dir, 'boom.ts')).toBe('let boom = foo;\n');
    for (let i = 0; i < 8; i++) {
      expect(byPath[`ok${i}.ts`].status).toBe('changed');
      expect(read(dir, `ok${i}.ts`)).toBe(`export let foo${i} = bar;\n`);
    }
    expect(report.totals).toMatchObject({ changed: 8, failed: 2 });

    const pretty = await runBin(dir, ['run', '-t', THROW, '-t', RENAME]);
    expect(pretty.code).toBe(3);
    expect(pretty.err).toContain(`failed boom.ts (throw-on-boom): boom in boom.ts\n  at ${THROW}:${throwLine}:9\n`);
    expect(pretty.err).toMatch(/^failed broken\.ts \(throw-on-boom\): does not parse: .+$/m);
    expect(pretty.err).not.toMatch(/^\s+at .*node_modules/m);
  });

  it('usage errors exit 2 with error and hint and no stack: unknown transform, missing path, bad tsconfig', async ({ expect }) => {
    const dir = makeProject({ 'a.ts': 'let foo = 1;\n' }, { git: true });
    const name = builtinTransforms[0]!.name;
    const unknown = await runBin(dir, [name.replace(/-/, '_')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(`hint did you mean ${name}?`);
    const missing = await runBin(dir, ['run', '-t', RENAME, '--write', 'nope.ts']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^error path not found: nope\.ts\nhint .+\n$/);
    writeFiles(dir, { 'tsconfig.json': '{ "compilerOptions": { "strict": true, }' });
    const bad = await runBin(dir, ['run', '-t', RENAME, '--write']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error cannot read tsconfig\.json: .+\nhint .+\n$/);
    expect(read(dir, 'a.ts')).toBe('let foo = 1;\n');
  });

  it('runs a CommonJS jscodeshift transform with --key=value options', async ({ expect }) => {
    const dir = makeProject({ 'a.js': 'var foo = 1;\n', 'b.ts': 'let foo: number = 2;\n' }, { git: true });
    const r = await runBin(dir, ['run', '-t', JSCS, '--to=renamed', '--write']);
    expect(r.code).toBe(0);
    expect(read(dir, 'a.js')).toBe('var renamed = 1;\n');
    expect(read(dir, 'b.ts')).toBe('let renamed: number = 2;\n');
  });

  it('list, list --json and --help', async ({ expect }) => {
    const [list, json, help] = await Promise.all([
      runBin(process.cwd(), ['list']),
      runBin(process.cwd(), ['list', '--json']),
      runBin(process.cwd(), ['--help']),
    ]);
    expect([list.code, json.code, help.code]).toEqual([0, 0, 0]);
    expect(JSON.parse(json.out).map((t: { name: string }) => t.name)).toEqual(builtinTransforms.map((t) => t.name));
    for (const t of builtinTransforms) {
      expect(list.out).toContain(t.name);
      expect(help.out).toContain(t.name);
    }
  });
});
