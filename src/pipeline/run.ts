/**
 * The pipeline: resolve transforms → load the project → execute → (verify) → write → report data.
 * Returns a RunSummary and the file results; never an exit code, never prints. Usage and configuration
 * problems throw UsageError before anything is written.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJscodeshiftPool, defaultJobs } from '../engines/jscodeshift-workers.js';
import { stripBom } from '../engines/text-edits.js';
import type { WorkFile } from '../engines/work-file.js';
import { UsageError } from '../project/errors.js';
import { dirtyFiles, gitRoot, groupByGitRoot } from '../project/git.js';
import { loadProject } from '../project/load-project.js';
import { loadTransform } from '../project/load-transforms.js';
import { buildPatch } from '../report/patch.js';
import { buildSummary, displayPath } from '../report/build-summary.js';
import { OptionError, resolveOptions } from '../transform-api/define-transform.js';
import type { FileResult, RunNote, RunSummary, Transform } from '../transform-api/types.js';
import { executeTransforms, toFileResult, type ExecuteSettings, type TransformRun } from './execute.js';
import { verifyResults } from './verify.js';
import { unwritableReason, writeAtomically, writeResults } from './write-results.js';

export interface RunOptions {
  cwd: string;
  /** Built-in names, transform file paths or module specifiers, or transform objects; run in order. */
  transforms: ReadonlyArray<string | Transform>;
  /** Options for the transforms: a ts-morph transform takes the keys it declares; jscodeshift ones get all. */
  options?: Record<string, unknown>;
  paths?: readonly string[];
  project?: string;
  gitignore?: boolean;
  ignorePatterns?: readonly string[];
  extensions?: readonly string[];
  parser?: string;
  mode?: RunSummary['mode'];
  write?: boolean;
  allowDirty?: boolean;
  verify?: boolean;
  jobs?: number;
  /** Also write every change as one patch file. */
  patchFile?: string;
  onProgress?: ExecuteSettings['onProgress'];
  /** Runs jscodeshift transforms on worker threads (the CLI's -j). */
  runJscodeshift?: ExecuteSettings['runJscodeshift'];
}

export interface RunOutcome {
  summary: RunSummary;
  results: FileResult[];
  timings: Record<string, number>;
}

/** The tool's own version, from its package.json. */
export function toolVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'codemigrate') return pkg.version ?? '0.0.0';
    } catch {
      // keep looking upwards
    }
  }
  return '0.0.0';
}

/** Resolves transform specs and splits the options among them. */
export async function resolveTransformRuns(
  specs: ReadonlyArray<string | Transform>,
  options: Record<string, unknown>,
  cwd: string,
): Promise<TransformRun[]> {
  if (specs.length === 0) throw new UsageError('no transform given', 'name one: migrate <transform> [paths], or migrate run -t <name|file> [paths]');
  const transforms: Transform[] = [];
  for (const spec of specs) transforms.push(typeof spec === 'string' ? await loadTransform(spec, cwd) : spec);
  const hasJscodeshift = transforms.some((t) => t.engine === 'jscodeshift');
  const declared = new Set(transforms.flatMap((t) => (t.engine === 'ts-morph' ? Object.keys(t.options ?? {}) : [])));
  // `--allow-throw-in-finally=true` names allowThrowInFinally, as the sub-command's flag spells it.
  options = Object.fromEntries(
    Object.entries(options).map(([k, v]) => {
      const camel = k.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      return [declared.has(camel) && !declared.has(k) ? camel : k, v];
    }),
  );
  if (!hasJscodeshift) {
    for (const key of Object.keys(options)) {
      if (options[key] !== undefined && !declared.has(key)) {
        // resolveOptions gives the precise message and hint for the first transform.
        resolveOptions(transforms[0]!.name, transforms[0]!.engine === 'ts-morph' ? transforms[0]!.options : {}, { [key]: options[key] });
        throw new UsageError(`unknown option --${key}`, `the options of ${transforms.map((t) => t.name).join(', ')} are listed by migrate <transform> --help`);
      }
    }
  }
  return transforms.map((transform) => {
    if (transform.engine === 'jscodeshift') return { transform, options: { ...options } };
    const own = Object.fromEntries(Object.entries(options).filter(([k]) => k in (transform.options ?? {})));
    return { transform, options: resolveOptions(transform.name, transform.options, own) as Record<string, unknown> };
  });
}

/** Runs the whole pipeline. Throws UsageError (nothing written) for usage and configuration errors. */
export async function run(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const lap = (phase: string, since: number): number => {
    const now = performance.now();
    timings[phase] = (timings[phase] ?? 0) + (now - since);
    return now;
  };
  const cwd = options.cwd;
  const write = options.write ?? options.mode === 'write';
  const mode: RunSummary['mode'] = write ? 'write' : (options.mode ?? 'preview');

  // A --patch file that cannot be written is a usage error, found before anything runs or is written.
  const patchPath = options.patchFile === undefined ? undefined : resolvePatchPath(cwd, options.patchFile);
  const patchProblem = patchPath && unwritableReason(patchPath);
  if (patchProblem) throw new UsageError(`--patch ${options.patchFile}: ${patchProblem}`, 'give a file path in an existing directory, e.g. --patch changes.patch');

  let t = performance.now();
  // A bad option is a usage error: the Node API promises a UsageError, not define-transform's OptionError.
  const runs = await resolveTransformRuns(options.transforms, options.options ?? {}, cwd).catch((error: unknown) => {
    throw error instanceof OptionError ? new UsageError(error.message, error.hint) : error;
  });
  t = lap('load transforms', t);
  const loaded = await loadProject({
    cwd,
    paths: options.paths ?? [],
    project: options.project,
    gitignore: options.gitignore,
    ignorePatterns: options.ignorePatterns,
    extensions: options.extensions,
  });
  t = lap('load project', t);

  const notes: RunNote[] = [];
  if (loaded.note) notes.push({ transform: 'codemigrate', message: loaded.note });
  // -j: jscodeshift transforms on worker threads when there are enough files (src/engines/jscodeshift-workers.ts).
  const pool =
    options.runJscodeshift || !runs.some((r) => r.transform.engine === 'jscodeshift')
      ? undefined
      : createJscodeshiftPool(options.jobs ?? defaultJobs(), options.parser);
  let executed: Awaited<ReturnType<typeof executeTransforms>>;
  try {
    executed = await executeTransforms(runs, loaded.files, loaded.units, {
      parser: options.parser,
      onProgress: options.onProgress,
      runJscodeshift: options.runJscodeshift ?? pool?.run,
    });
  } finally {
    await pool?.close();
  }
  t = lap('transform', t);
  notes.push(...executed.notes);

  let results: FileResult[] = [
    ...loaded.files.map((f: WorkFile) => toFileResult(f)),
    ...loaded.excluded.map(
      ({ path, reason }): FileResult => ({ path, status: 'skipped', transforms: [], before: '', after: '', warnings: [], reason, bom: false }),
    ),
    ...projectEditResults(executed.projectEdits, cwd),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // --verify (src/pipeline/verify.ts): type-check before/after, revert files whose edits add diagnostics.
  // Decided here: on by default with --write and --check when a tsconfig was loaded; off in a preview unless asked.
  const verify = options.verify ?? ((mode === 'write' || mode === 'check') && loaded.tsconfigs.length > 0);
  if (verify) {
    results = await verifyResults(results, loaded.files, loaded.units, { cwd, notes });
    t = lap('verify', t);
  }

  const changed = results.filter((r) => r.status === 'changed');
  let written = false;
  if (write && changed.length) {
    // Each file's own work tree decides, not the cwd's: paths may point into another repository, or out of git.
    const byRoot = groupByGitRoot(changed.map((r) => r.path));
    if (!options.allowDirty) {
      const dirty = [...byRoot].flatMap(([root, files]) => (root ? dirtyFiles(root, files) : []));
      if (dirty.length) {
        const list = dirty.map((p) => displayPath(cwd, p));
        throw new UsageError(
          `refusing to write: ${list.length} file${list.length === 1 ? ' has' : 's have'} uncommitted or untracked changes: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`,
          'commit or stash them first so that every write has a restore point, or pass --allow-dirty',
        );
      }
    }
    if (byRoot.has(undefined)) notes.push({ transform: 'codemigrate', message: 'not a git work tree: the files were written with no restore point' });
    results = await writeResults(results);
    written = true;
    t = lap('write', t);
  }
  if (patchPath) {
    await writeAtomically(patchPath, buildPatch(results, gitRoot(cwd) ?? cwd));
    lap('patch', t);
  }

  const summary = buildSummary({
    version: toolVersion(),
    mode,
    cwd,
    tsconfigs: loaded.tsconfigs,
    transforms: runs.map((r) => r.transform.name),
    results,
    notes,
    stats: executed.stats,
    written,
    durationMs: performance.now() - started,
  });
  return { summary, results, timings };
}

function resolvePatchPath(cwd: string, patchFile: string): string {
  return patchFile.startsWith('/') ? patchFile : join(cwd, patchFile);
}

/** Edits that transforms proposed for project files (tsconfig.json, package.json) become results too. */
function projectEditResults(edits: ReadonlyArray<{ path: string; newText: string; transform: string }>, cwd: string): FileResult[] {
  const byPath = new Map<string, FileResult>();
  for (const edit of edits) {
    let result = byPath.get(edit.path);
    if (!result) {
      let raw: string;
      try {
        raw = readFileSync(edit.path, 'utf8');
      } catch (error) {
        byPath.set(edit.path, {
          path: edit.path,
          status: 'failed',
          transforms: [],
          before: '',
          after: '',
          warnings: [],
          bom: false,
          error: { message: `cannot read ${displayPath(cwd, edit.path)}: ${(error as Error).message}`, transform: edit.transform },
        });
        continue;
      }
      const { text, bom } = stripBom(raw);
      result = { path: edit.path, status: 'unchanged', transforms: [], before: text, after: text, warnings: [], bom, originalBom: bom };
      byPath.set(edit.path, result);
    }
    if (result.status === 'failed') continue;
    const newText = stripBom(edit.newText).text;
    if (newText !== result.after) {
      result.after = newText;
      result.status = 'changed';
      result.transforms.push(edit.transform);
    }
  }
  return [...byPath.values()];
}
