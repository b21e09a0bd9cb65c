// End to end: the process-level edges of bin/migrate.js that in-process tests cannot see.
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BIN, makeProject, removeProjects, runBin, transformPath } from './support/e2e.js';

beforeAll(() => {
  const buildError = inject('buildError');
  if (buildError) throw new Error(buildError);
});
afterAll(removeProjects);

describe('bin/migrate.js robustness', { timeout: 180_000 }, () => {
  it('a reader that closes the pipe early (| head) ends the run quietly, with no EPIPE stack', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`src/f${i}.ts`] = `${'export const foo = 1;\n'.repeat(50)}`;
    const dir = makeProject(files);
    const result = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'run', '-t', transformPath('rename-foo.ts'), 'src'], { cwd: dir });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(result.err).not.toMatch(/EPIPE|Error:|\n\s+at \S/);
    expect(result.code).toBe(0);
  });

  it('does not overwrite a read-only file: it fails with the reason, exit 3, and the other files are written', async () => {
    const dir = makeProject({ 'a.ts': 'const foo = 1;\n', 'locked.ts': 'const foo = 2;\n' });
    chmodSync(join(dir, 'locked.ts'), 0o444);
    const { code, err } = await runBin(dir, ['run', '-t', transformPath('rename-foo.ts'), '--write', '.']);
    expect(code).toBe(3);
    expect(err).toContain('failed locked.ts: the file is read-only; it was not overwritten');
    expect(readFileSync(join(dir, 'locked.ts'), 'utf8')).toBe('const foo = 2;\n');
    expect(statSync(join(dir, 'locked.ts')).mode & 0o777).toBe(0o444);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe('const bar = 1;\n');
  });
});
