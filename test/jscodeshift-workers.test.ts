// -j N runs jscodeshift transforms on worker threads: same results, in the same order, as one job.
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { defaultJobs, MIN_FILES_PER_WORKER, workersFor } from '../src/engines/jscodeshift-workers.js';
import { run } from '../src/pipeline/run.js';
import type { RunSummary } from '../src/transform-api/types.js';
import { runMigrate, tempDir, writeTree } from './support/jscodeshift/compare.js';

const temps: Array<{ remove(): void }> = [];
afterAll(() => temps.forEach((t) => t.remove()));

// A transform with every outcome: changed, unchanged (same string), skipped (null), failed (throws),
// plus reports and stats that depend on the file, so that any reordering would show.
const TRANSFORM = `
module.exports = function (file, api, options) {
  const j = api.jscodeshift;
  const n = Number(/(\\d+)\\.[jt]s$/.exec(file.path)[1]);
  api.stats('files');
  api.stats('n' + (n % 3), n);
  if (n % 11 === 0) api.report('multiple of eleven: ' + n + ' ' + options.tag);
  if (n % 17 === 0) throw new Error('seventeen divides ' + n);
  if (n % 5 === 0) return null;
  if (n % 7 === 0) return file.source;
  const root = j(file.source);
  root.find(j.Identifier, { name: 'value' }).forEach((p) => { p.node.name = 'value' + n; });
  return root.toSource();
};
`;
// Says where it ran, through a report: proves the workers are used (results otherwise identical).
const WHERE = `module.exports = (file, api) => { api.report(require('node:worker_threads').isMainThread ? 'main' : 'worker'); return null; };\n`;

function corpus(count: number, withTs = false): string {
  const tmp = tempDir();
  temps.push(tmp);
  const files: Record<string, string> = { 't.cjs': TRANSFORM, 'where.cjs': WHERE };
  for (let i = 1; i <= count; i++) {
    const ext = withTs && i % 4 === 0 ? 'ts' : 'js';
    files[`src/f${String(i).padStart(3, '0')}-${i}.${ext}`] =
      ext === 'ts' ? `const value: number = ${i};\nexport const foo = value * 2;\n` : `const value = ${i};\nmodule.exports = { value, foo: value * 2 };\n`;
  }
  writeTree(tmp.dir, files);
  return tmp.dir;
}

/** The JSON report without what legitimately differs between runs. */
function comparable(summary: RunSummary): unknown {
  return { ...summary, durationMs: 0 };
}

describe('worker threads', () => {
  it('the threshold: workers only when each gets enough files', () => {
    expect(workersFor(MIN_FILES_PER_WORKER * 2 - 1, 8)).toBe(0);
    expect(workersFor(MIN_FILES_PER_WORKER * 2, 8)).toBe(2);
    expect(workersFor(MIN_FILES_PER_WORKER * 3, 8)).toBe(3);
    expect(workersFor(10_000, 4)).toBe(4);
    expect(workersFor(10_000, 1)).toBe(0);
    expect(defaultJobs()).toBe(Math.max(1, availableParallelism() - 1));
  });

  it('-j 3 gives the same report, in the same order, as --run-in-band', async () => {
    const dir = corpus(150, true);
    const args = ['run', '-t', './t.cjs', 'src', '--json', '--tag=x'];
    const one = await runMigrate([...args, '--run-in-band'], dir);
    const three = await runMigrate([...args, '-j', '3'], dir);
    expect(one.code).toBe(3);
    expect(three.code).toBe(3);
    expect(comparable(three.json!)).toEqual(comparable(one.json!));
    const totals = one.json!.totals;
    expect(totals.changed).toBeGreaterThan(50);
    expect(totals.failed).toBe(8);
    expect(totals.skipped).toBeGreaterThan(20);
    expect(totals.unchanged).toBeGreaterThan(10);
    expect(Object.keys(one.json!.stats.t!)).toEqual(['files', 'n1', 'n2', 'n0']);
    const failed = three.json!.files.find((f) => f.status === 'failed')!;
    const lines = TRANSFORM.split('\n');
    const line = lines.findIndex((l) => l.includes('new Error'));
    expect(failed.error!.location).toBe(`${join(dir, 't.cjs')}:${line + 1}:${lines[line]!.indexOf('new Error') + 1}`);
  });

  it('writes the same bytes with -j 2 as with -j 1', async () => {
    const a = corpus(100);
    const b = corpus(100);
    await runMigrate(['run', '-t', './t.cjs', 'src', '--write', '-j', '1'], a);
    await runMigrate(['run', '-t', './t.cjs', 'src', '--write', '-j', '2'], b);
    let compared = 0;
    for (let i = 1; i <= 100; i++) {
      const rel = `src/f${String(i).padStart(3, '0')}-${i}.js`;
      expect(readFileSync(join(b, rel), 'utf8'), rel).toBe(readFileSync(join(a, rel), 'utf8'));
      compared++;
    }
    expect(compared).toBe(100);
    expect(readFileSync(join(a, 'src/f001-1.js'), 'utf8')).toContain('value1');
  });

  it('really runs on workers with -j 2 and enough files, and in-process below the threshold or with one job', async () => {
    const where = async (count: number, jobs: string[]): Promise<string[]> => {
      const r = await runMigrate(['run', '-t', './where.cjs', 'src', '--json', ...jobs], corpus(count));
      return [...new Set(r.json!.files.flatMap((f) => f.warnings.map((w) => w.message)))];
    };
    expect(await where(MIN_FILES_PER_WORKER * 2, ['-j', '2'])).toEqual(['worker']);
    expect(await where(MIN_FILES_PER_WORKER * 2 - 1, ['-j', '2'])).toEqual(['main']);
    expect(await where(MIN_FILES_PER_WORKER * 2, ['--run-in-band'])).toEqual(['main']);
  });

  it('through bin/migrate.js (the built worker module): -j 2 reports what -j 1 reports', () => {
    expect(inject('buildError')).toBe('');
    const dir = corpus(120);
    const bin = fileURLToPath(new URL('../bin/migrate.js', import.meta.url));
    const run = (jobs: string): RunSummary => {
      const r = spawnSync(process.execPath, [bin, 'run', '-t', './t.cjs', 'src', '--json', '--tag=z', '-j', jobs], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(3);
      return JSON.parse(r.stdout) as RunSummary;
    };
    const one = run('1');
    expect(comparable(run('2'))).toEqual(comparable(one));
    const where = spawnSync(process.execPath, [bin, 'run', '-t', './where.cjs', 'src', '--json', '-j', '2'], { cwd: dir, encoding: 'utf8' });
    expect(new Set((JSON.parse(where.stdout) as RunSummary).files.flatMap((f) => f.warnings.map((w) => w.message)))).toEqual(new Set(['worker']));
  });

  it('reports progress while the workers run, up to every file', async () => {
    const dir = corpus(120);
    for (const jobs of [1, 2]) {
      const seen: number[] = [];
      await run({ cwd: dir, transforms: ['./t.cjs'], paths: ['src'], jobs, onProgress: (done, total) => void seen.push(done, total) });
      const done = seen.filter((_, i) => i % 2 === 0);
      expect(new Set(seen.filter((_, i) => i % 2 === 1))).toEqual(new Set([120]));
      expect(done.at(-1)).toBe(120);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(new Set(done).size, `jobs ${jobs}: intermediate progress`).toBeGreaterThan(2);
    }
  });

  it('mixes with a ts-morph transform: same results with -j 2 as with one job', async () => {
    const dir = corpus(90, true);
    const renameFoo = join(process.cwd(), 'test/support/transforms/rename-foo.ts');
    const args = ['run', '-t', renameFoo, '-t', './t.cjs', 'src', '--json', '--tag=y'];
    const one = await runMigrate([...args, '-j', '1'], dir);
    const two = await runMigrate([...args, '-j', '2'], dir);
    expect(comparable(two.json!)).toEqual(comparable(one.json!));
    const both = one.json!.files.filter((f) => f.transforms.length === 2);
    expect(both.length).toBeGreaterThan(10);
    expect(both[0]!.transforms).toEqual(['rename-foo', 't']);
  });
});
