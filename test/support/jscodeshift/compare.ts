// Runs jscodeshift's own CLI (jscodeshift 17, node_modules/jscodeshift/bin/jscodeshift.js, in a child
// process, as users run it) and `migrate run` (in-process through main(), with --write) on two copies of
// the same files, so tests can compare the written bytes.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';
import type { RunSummary } from '../../../src/transform-api/types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const JSCODESHIFT_BIN = join(root, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
export const INPUTS_DIR = join(root, 'test', 'fixtures', 'jscodeshift-inputs');
export const SUPPORT_DIR = join(root, 'test', 'support', 'jscodeshift');

/** A temporary directory, removed by the returned function. */
export function tempDir(prefix = 'codemigrate-jscodeshift-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under dir, relative path → bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Writes files (relative path → text or bytes) under dir. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
}

// The TypeScript inputs live here rather than in test/fixtures, where the repository's type-check would read them.
const TYPES_TS = `import type { Foo } from "./foo";

export interface Options<T = unknown> {
  foo?: Foo;
  value: T;
}

export const make = function <T>(value: T, foo: Foo): Options<T> {
  return { foo, value } satisfies Options<T>;
};

export enum Kind { A = "a", B = "b" }
`;
const VIEW_TSX = `import * as React from "react";

type Props = { foo: string; onClick(): void };

export const View = (props: Props) => {
  const handle = function () { props.onClick(); };
  return <button onClick={handle}>{props.foo as string}</button>;
};
`;

/** The shared inputs plus TypeScript ones and derived variants: BOM, CRLF, both. */
export function inputFiles(): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const [rel, bytes] of readTree(INPUTS_DIR)) files[rel] = bytes;
  files['types.ts'] = Buffer.from(TYPES_TS, 'utf8');
  files['view.tsx'] = Buffer.from(VIEW_TSX, 'utf8');
  const plain = readFileSync(join(INPUTS_DIR, 'plain.js'), 'utf8');
  files['bom.js'] = Buffer.from(`\uFEFF${plain}`, 'utf8');
  files['crlf.js'] = Buffer.from(plain.replace(/\n/g, '\r\n'), 'utf8');
  files['bom-crlf.ts'] = Buffer.from(`\uFEFF${TYPES_TS.replace(/\n/g, '\r\n')}`, 'utf8');
  return files;
}

export interface JscodeshiftCliResult {
  stdout: string;
  /** Absolute paths jscodeshift reported as ERR. */
  errors: string[];
}

/** jscodeshift's CLI on dir (it writes the files), with `--key=value` options. */
export function runJscodeshiftCli(
  transform: string,
  dir: string,
  settings: { parser?: string; extensions: string; options?: Record<string, unknown> },
): JscodeshiftCliResult {
  const args = [JSCODESHIFT_BIN, '-t', transform, `--extensions=${settings.extensions}`, '--run-in-band', '--verbose=0'];
  if (settings.parser) args.push(`--parser=${settings.parser}`);
  for (const [k, v] of Object.entries(settings.options ?? {})) args.push(`--${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  args.push(dir);
  const stdout = execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  // eslint-disable-next-line no-control-regex
  const plain = stdout.replace(/\u001b\[[0-9;]*m/g, '');
  const errors = [...plain.matchAll(/ ERR (\S+) Transformation error/g)].map((m) => m[1]!);
  return { stdout: plain, errors };
}

export interface MigrateCliResult {
  code: number;
  stdout: string;
  stderr: string;
  json?: RunSummary;
}

/** `migrate <args>` in-process, in cwd. */
export async function runMigrate(args: string[], cwd: string): Promise<MigrateCliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'migrate', ...args], { NO_COLOR: '1' }, {
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    color: false,
    stderrIsTTY: false,
  });
  let json: RunSummary | undefined;
  if (args.includes('--json')) json = JSON.parse(stdout) as RunSummary;
  return { code, stdout, stderr, json };
}

/** Copies src to two fresh directories under base. */
export function twoCopies(base: string, files: Record<string, string | Buffer>): { a: string; b: string } {
  const a = join(base, 'jscodeshift');
  const b = join(base, 'migrate');
  writeTree(a, files);
  cpSync(a, b, { recursive: true });
  return { a, b };
}
