// Helpers for the runner's tests: temporary projects (optionally git repositories), running the CLI
// in-process through main() with captured output, and running bin/migrate.js as a child process.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../../src/report/output.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'migrate.js');

/** Absolute path of a test transform in test/support/transforms/. */
export function transformPath(file: string): string {
  return join(ROOT, 'test', 'support', 'transforms', file);
}

const created: string[] = [];

/** A file's content, or `{ text, mode }` to set its mode. */
export type FileSpec = string | Buffer | { text: string | Buffer; mode: number };

/** Writes files into a new temporary directory; with `git`, makes it a repository with one commit. */
export function makeProject(files: Record<string, FileSpec>, settings: { git?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-test-'));
  created.push(dir);
  writeFiles(dir, files);
  if (settings.git) {
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'initial');
  }
  return dir;
}

export function writeFiles(dir: string, files: Record<string, FileSpec>): void {
  for (const [path, spec] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    const content = typeof spec === 'string' || Buffer.isBuffer(spec) ? spec : spec.text;
    writeFileSync(full, content);
    if (typeof spec === 'object' && !Buffer.isBuffer(spec)) chmodSync(full, spec.mode);
  }
}

/** Removes every directory makeProject created (call in afterAll). */
export function removeProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Runs git in `dir` with a neutral configuration (no autocrlf, no signing, no user config). */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd: dir,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `migrate <args>` in-process through main(), with captured output. */
export async function cli(
  cwd: string,
  args: readonly string[],
  settings: { env?: Record<string, string | undefined>; color?: boolean; stderrIsTTY?: boolean } = {},
): Promise<CliResult> {
  const io = captureOutput();
  io.color = settings.color ?? false;
  io.stderrIsTTY = settings.stderrIsTTY ?? false;
  const code = await main(['node', 'migrate', ...args], settings.env ?? {}, { ...io, cwd, stdout: io.stdout, stderr: io.stderr });
  return { code, out: io.out, err: io.err };
}

/** Runs `node bin/migrate.js <args>` in `cwd`; stdout and stderr are pipes (not terminals). */
export function runBin(cwd: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...GIT_ENV, ...env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete childEnv[key];
    execFile(process.execPath, [BIN, ...args], { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolvePromise({ code: error ? (error.code as number) : 0, out: stdout, err: stderr });
    });
  });
}

export interface FileState {
  bytes: Buffer;
  mtimeMs: number;
  mode: number;
}

/** Every file under `dir` (outside .git): bytes, mtime and mode, by relative path with `/`. */
export function snapshot(dir: string): Map<string, FileState> {
  const out = new Map<string, FileState>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = statSync(full);
        out.set(relative(dir, full).split(sep).join('/'), { bytes: readFileSync(full), mtimeMs: stat.mtimeMs, mode: stat.mode & 0o7777 });
      }
    }
  };
  walk(dir);
  return out;
}

/** The text of a file in a project. */
export function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

/** Strips ANSI escape codes. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}
