/**
 * Runs the selected transforms over the working files, in order, each seeing the previous one's
 * output. Pure data in and out: no disk, no console. Used by the CLI pipeline and by the test harness,
 * so tests drive the same code path as users.
 */
import { runJscodeshiftOnFile, type StatsTable } from '../engines/jscodeshift-engine.js';
import { runTsMorphTransform } from '../engines/ts-morph-engine.js';
import type { JsDocParsing, ProjectUnit, WorkFile } from '../engines/work-file.js';
import type { FileResult, RunNote, Transform } from '../transform-api/types.js';

export interface TransformRun {
  transform: Transform;
  options: Record<string, unknown>;
}

export interface ExecuteSettings {
  /** `--parser` for jscodeshift transforms. */
  parser?: string;
  /** Called after each file of each transform: files done of total, for the progress line. */
  onProgress?(done: number, total: number, transform: string): void;
  /**
   * Runs a jscodeshift transform over many files (worker threads); defaults to in-process, in order.
   * `onDone(count)` says how many of `files` are done so far, for the progress line.
   */
  runJscodeshift?(run: TransformRun, files: WorkFile[], stats: StatsTable, onDone?: (count: number) => void): Promise<void>;
}

export interface ProjectFileEdit {
  path: string;
  newText: string;
  transform: string;
}

export interface ExecuteOutput {
  projectEdits: ProjectFileEdit[];
  notes: RunNote[];
  stats: Record<string, StatsTable>;
}

/**
 * How the projects of a run of `transforms` parse JSDoc. Every file is parsed once for the whole run,
 * so all of it is parsed if any ts-morph transform reads it (the default), else only what tsc parses.
 */
export function jsDocParsingFor(transforms: readonly Transform[]): JsDocParsing {
  return transforms.some((t) => t.engine === 'ts-morph' && t.needsJsDoc !== false) ? 'all' : 'for-type-errors';
}

/** Runs every transform over every file. Updates the WorkFiles in place and returns run-level output. */
export async function executeTransforms(
  runs: readonly TransformRun[],
  files: WorkFile[],
  units: readonly ProjectUnit[],
  settings: ExecuteSettings = {},
): Promise<ExecuteOutput> {
  const output: ExecuteOutput = { projectEdits: [], notes: [], stats: {} };
  const jsDoc = jsDocParsingFor(runs.map((r) => r.transform));
  for (const unit of units) if (!unit.hasProject()) unit.setJsDocParsing(jsDoc);
  const total = runs.length * files.length;
  let done = 0;
  for (const run of runs) {
    const { transform } = run;
    if (transform.engine === 'ts-morph') {
      const finish = runTsMorphTransform(transform, run.options, files, units, () => settings.onProgress?.(++done, total, transform.name));
      output.projectEdits.push(...finish.edits);
      output.notes.push(...finish.notes);
    } else {
      const stats: StatsTable = {};
      if (settings.runJscodeshift) {
        const before = done;
        await settings.runJscodeshift(run, files, stats, (count) => settings.onProgress?.(before + count, total, transform.name));
        done = before + files.length;
        settings.onProgress?.(done, total, transform.name);
      } else {
        for (const file of files) {
          await runJscodeshiftOnFile(transform, run.options, file, settings.parser, stats);
          settings.onProgress?.(++done, total, transform.name);
        }
      }
      if (Object.keys(stats).length) output.stats[transform.name] = stats;
    }
  }
  return output;
}

/** The one explicit outcome of a working file. */
export function toFileResult(file: WorkFile): FileResult {
  const originalBom = file.originalBom;
  const base = { path: file.path, before: file.original, bom: file.bom, originalBom, warnings: file.warnings };
  if (file.error) {
    return { ...base, status: 'failed', transforms: [], after: file.original, bom: originalBom, error: file.error };
  }
  if (file.text !== file.original || file.bom !== originalBom) {
    return { ...base, status: 'changed', transforms: [...new Set(file.changedBy)], after: file.text };
  }
  if (file.skipReason) {
    return { ...base, status: 'skipped', transforms: [], after: file.original, reason: file.skipReason };
  }
  return { ...base, status: 'unchanged', transforms: [], after: file.original };
}
