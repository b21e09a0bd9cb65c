/**
 * Behaviour tests of use-async-local-storage: each case (the module before the rewrite: cases/NN-name/mod.ts or the fixture input <name>.input.ts, + check.ts) is transformed,
 * before and after are compiled (ts.transpileModule from ts-morph's bundled TypeScript) and run by
 * run-cases.cjs — all cases of one runtime in ONE Node process — and their traces compared. Declarations
 * (.d.ts) of before and after are emitted with one ts-morph project and compared byte for byte.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ts } from 'ts-morph';
import { makeProject, repoRoot, runTransform } from './driver.js';

export const CASES_DIR = path.join(repoRoot, 'test/support/use-async-local-storage/cases');
export const FIXTURES_DIR = path.join(repoRoot, '__testfixtures__/use-async-local-storage');
/** Refusal cases: mod.ts (left alone), naive.ts (a conversion the transform must not emit), check.ts, REASON. */
export const REFUSALS_DIR = path.join(repoRoot, 'test/support/use-async-local-storage/refusals');
export const RUNNER = path.join(repoRoot, 'test/support/use-async-local-storage/run-cases.cjs');
/** Node 24 installed by the postinstall from test/node24 (pinned 24.21.0). */
export const NODE24 = path.join(repoRoot, 'test/node24/node_modules/node/bin/node');

export interface BehaviourCase {
  name: string;
  expect: 'isolate' | 'same';
  before: string;
  after: string;
  check: string;
  changed: boolean;
  warnings: string[];
}

/**
 * The module of a case: its own mod.ts when it needs one, else the fixture input of the same scenario
 * (cases/NN-<slug>/ drives __testfixtures__/use-async-local-storage/<slug>.input.ts), so the module the
 * fixture checks as text is the module that runs here.
 */
function caseModulePath(name: string): string {
  const own = path.join(CASES_DIR, name, 'mod.ts');
  if (existsSync(own)) return own;
  const fixture = path.join(FIXTURES_DIR, `${name.replace(/^\d+-/, '')}.input.ts`);
  if (!existsSync(fixture)) throw new Error(`case ${name} has no mod.ts and there is no fixture ${fixture}`);
  return fixture;
}

export async function loadCases(): Promise<BehaviourCase[]> {
  const names = readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const modulePath = caseModulePath(name);
      const before = readFileSync(modulePath, 'utf8');
      const check = readFileSync(path.join(CASES_DIR, name, 'check.ts'), 'utf8');
      const m = /^\/\/ EXPECT: (isolate|same)\b/.exec(check);
      if (!m) throw new Error(`${name}/check.ts must start with "// EXPECT: isolate|same"`);
      const result = await runTransform(before, {}, modulePath);
      return {
        name,
        expect: m[1] as 'isolate' | 'same',
        before,
        after: result.output,
        check,
        changed: result.changed,
        warnings: result.warnings.map((w) => `${w.line}:${w.column} ${w.message}`),
      };
    }),
  );
}

export interface RefusalCase {
  name: string;
  before: string;
  naive: string;
  check: string;
  reason: string;
  output: string;
  warnings: string[];
}

export async function loadRefusals(): Promise<RefusalCase[]> {
  const names = readdirSync(REFUSALS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const read = (f: string) => readFileSync(path.join(REFUSALS_DIR, name, f), 'utf8');
      const before = read('mod.ts');
      const result = await runTransform(before, {}, path.join(REFUSALS_DIR, name, 'mod.ts'));
      return {
        name,
        before,
        naive: read('naive.ts'),
        check: read('check.ts'),
        reason: read('REASON').trim(),
        output: result.output,
        warnings: result.warnings.map((w) => `${w.line}:${w.column} ${w.message}`),
      };
    }),
  );
}

function transpile(source: string): string {
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

/** Writes <root>/{before,after}/<case>/{mod,check}.js, the harness and the manifest; returns root. */
export function compileCases(cases: BehaviourCase[], refusals: RefusalCase[] = []): string {
  const root = mkdtempSync(path.join(tmpdir(), 'als-behaviour-'));
  const harness = transpile(readFileSync(path.join(CASES_DIR, 'harness.ts'), 'utf8'));
  const manifest: string[] = [];
  for (const side of ['before', 'after'] as const) {
    mkdirSync(path.join(root, side), { recursive: true });
    writeFileSync(path.join(root, side, 'harness.js'), harness);
    for (const c of cases) {
      const dir = path.join(root, side, c.name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'mod.js'), transpile(side === 'before' ? c.before : c.after));
      writeFileSync(path.join(dir, 'check.js'), transpile(c.check));
      manifest.push(`${side}/${c.name}`);
    }
  }
  for (const side of ['refuse-before', 'refuse-naive'] as const) {
    mkdirSync(path.join(root, side), { recursive: true });
    writeFileSync(path.join(root, side, 'harness.js'), harness);
    for (const c of refusals) {
      const dir = path.join(root, side, c.name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'mod.js'), transpile(side === 'refuse-before' ? c.before : c.naive));
      writeFileSync(path.join(dir, 'check.js'), transpile(c.check));
      manifest.push(`${side}/${c.name}`);
    }
  }
  writeFileSync(path.join(root, 'manifest.json'), JSON.stringify(manifest));
  return root;
}

export interface RunOutput {
  version: string;
  results: Record<string, { lines: string[]; error?: string }>;
}

export function runCases(node: string, root: string): Promise<RunOutput> {
  if (!existsSync(node)) throw new Error(`no Node binary at ${node} (run npm install: the postinstall installs test/node24)`);
  return new Promise((resolve, reject) => {
    execFile(node, [RUNNER, root], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${node} ${RUNNER} failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as RunOutput);
    });
  });
}

/** Emits the declarations of every case before and after in one project; also returns type errors of each side. */
export function emitDeclarations(cases: BehaviourCase[]): Map<string, { before: string; after: string; beforeErrors: string[]; afterErrors: string[] }> {
  const project = makeProject();
  const files = new Map<string, { before: import('ts-morph').SourceFile; after: import('ts-morph').SourceFile }>();
  for (const c of cases) {
    files.set(c.name, {
      before: project.createSourceFile(`/virtual/als-dts/before/${c.name}/mod.ts`, c.before, { overwrite: true }),
      after: project.createSourceFile(`/virtual/als-dts/after/${c.name}/mod.ts`, c.after, { overwrite: true }),
    });
  }
  const emitted = project.emitToMemory({ emitOnlyDtsFiles: true });
  const dts = new Map<string, string>();
  for (const f of emitted.getFiles()) dts.set(f.filePath, f.text);
  const out = new Map<string, { before: string; after: string; beforeErrors: string[]; afterErrors: string[] }>();
  const errors = (sf: import('ts-morph').SourceFile) =>
    project
      .getProgram()
      .getSemanticDiagnostics(sf)
      .concat(project.getProgram().getSyntacticDiagnostics(sf))
      .map((d) => `${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string, '\n')}`);
  for (const [name, { before, after }] of files) {
    const key = (sf: import('ts-morph').SourceFile) => sf.getFilePath().replace(/\.ts$/, '.d.ts');
    out.set(name, {
      before: dts.get(key(before)) ?? '<no .d.ts emitted>',
      after: dts.get(key(after)) ?? '<no .d.ts emitted>',
      beforeErrors: errors(before),
      afterErrors: errors(after),
    });
  }
  return out;
}

/** S lines (single-flow trace), the verdict, and errors of one run. */
export function summarize(lines: string[]): { single: string[]; verdict?: string; errors: string[] } {
  return {
    single: lines.filter((l) => l.startsWith('S ')),
    verdict: lines.find((l) => l.startsWith('VERDICT '))?.slice('VERDICT '.length),
    errors: lines.filter((l) => l.startsWith('ERROR')),
  };
}
