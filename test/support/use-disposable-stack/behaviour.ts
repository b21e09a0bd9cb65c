// Behaviour checks for use-disposable-stack: compile programs with TypeScript's transpileModule, run many
// of them in one Node process (run-traces.mjs) and compare the traces as the spec allows.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RUNNER = fileURLToPath(new URL('./run-traces.mjs', import.meta.url));
export const NODE24 = join(ROOT, 'test/node24/node_modules/node/bin/node');
export const POLYFILL = require.resolve('core-js/proposals/explicit-resource-management');

export type Mode = 'identical' | 'differs' | 'same-modulo-ticks';

/** The mode a fixture declares on its first line: `// behaviour: identical`. */
export function behaviourMode(source: string): Mode | undefined {
  const m = /^\/\/ behaviour: (identical|differs|same-modulo-ticks)\r?$/m.exec(source.split('\n', 1)[0] ?? '');
  return m ? (m[1] as Mode) : undefined;
}

/** TypeScript to an ES module: below ESNext `using` is downlevelled (Node 20 + polyfill); ESNext keeps it native. */
export function compile(source: string, target: ts.ScriptTarget, fileName: string): string {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { target, module: ts.ModuleKind.ESNext, lib: ['lib.esnext.d.ts'] },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(`${fileName}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  return out.outputText;
}

export interface Program {
  id: string;
  source: string;
}

export interface RunResult {
  node: string;
  traces: Record<string, string[]>;
}

/** Compiles `programs` for `target` into a temp folder and runs them all in one process of `nodeBinary`. */
export async function runPrograms(
  programs: readonly Program[],
  settings: { node: string; target: ts.ScriptTarget; preload?: string; label: string },
): Promise<RunResult> {
  if (!existsSync(settings.node)) throw new Error(`no Node binary at ${settings.node} (run npm install: the postinstall installs test/node24)`);
  const dir = mkdtempSync(join(tmpdir(), `uds-${settings.label}-`));
  const list = programs.map((p, i) => {
    const file = join(dir, `${String(i).padStart(3, '0')}-${p.id.replace(/[^a-z0-9.-]+/gi, '_')}.mjs`);
    writeFileSync(file, compile(p.source, settings.target, `${p.id}.ts`));
    return { id: p.id, file };
  });
  const listFile = join(dir, 'list.json');
  writeFileSync(listFile, JSON.stringify(list));
  const args = [...(settings.preload ? ['-r', settings.preload] : []), RUNNER, listFile];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(settings.node, args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, out, err) => {
      if (error) reject(new Error(`${settings.label}: ${error.message}\n${err}`));
      else resolve(out);
    });
  });
  return JSON.parse(stdout) as RunResult;
}

/**
 * Replaces `SuppressedError(error=E, suppressed=S)` by E, recursively: what a try/finally chain throws is
 * the outermost cleanup error, which is the `error` end of the SuppressedError chain (spec §2.1, hazard 1).
 */
export function unwrapSuppressed(line: string): string {
  const head = 'SuppressedError(error=';
  const at = line.indexOf(head);
  if (at === -1) return line;
  let depth = 1;
  let sup = -1;
  let close = -1;
  for (let i = at + 'SuppressedError('.length; i < line.length; i++) {
    const ch = line[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (depth === 1 && sup === -1 && line.startsWith(', suppressed=', i)) sup = i;
  }
  if (close === -1 || sup === -1) return line;
  const error = line.slice(at + head.length, sup);
  return unwrapSuppressed(line.slice(0, at) + unwrapSuppressed(error) + line.slice(close + 1));
}

export const withoutTicks = (trace: readonly string[]): string[] => trace.filter((l) => !/^tick \d+$/.test(l));
