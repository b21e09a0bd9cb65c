/**
 * Turns the run's file results into the report data (`RunSummary`): what `--json` prints, what the
 * Node API returns, and what the pretty reporter renders. Pure.
 */
import { relative, sep } from 'node:path';
import { REPORT_SCHEMA_VERSION, type FileReport, type FileResult, type RunNote, type RunSummary } from '../transform-api/types.js';
import { diffTexts } from './diff.js';

export interface SummaryInput {
  version: string;
  mode: RunSummary['mode'];
  cwd: string;
  tsconfigs: readonly string[];
  transforms: readonly string[];
  results: readonly FileResult[];
  notes: readonly RunNote[];
  stats: RunSummary['stats'];
  written: boolean;
  durationMs: number;
}

/** A path for display and for the report: relative to the cwd, with `/`. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === '' ? path : rel).split(sep).join('/');
}

export function buildSummary(input: SummaryInput): RunSummary {
  const totals = { files: 0, changed: 0, unchanged: 0, skipped: 0, failed: 0, reverted: 0, insertions: 0, deletions: 0, warnings: 0 };
  const files: FileReport[] = input.results.map((result) => {
    totals.files++;
    totals[result.status]++;
    totals.warnings += result.warnings.length;
    const report: FileReport = {
      path: displayPath(input.cwd, result.path),
      status: result.status,
      transforms: result.transforms,
      insertions: 0,
      deletions: 0,
      warnings: result.warnings.map(({ path: _path, ...w }) => w),
    };
    if (result.status === 'changed' || result.status === 'reverted') {
      const after = result.status === 'reverted' ? (result.attemptedAfter ?? result.after) : result.after;
      const diff = diffTexts(result.before, after, result.originalBom ?? result.bom, result.bom);
      report.diff = diff.hunks;
      report.insertions = diff.insertions;
      report.deletions = diff.deletions;
      if (result.status === 'changed') {
        totals.insertions += diff.insertions;
        totals.deletions += diff.deletions;
      }
    }
    if (result.reason) report.reason = result.reason;
    if (result.error) report.error = result.error;
    if (result.diagnostics) report.diagnostics = result.diagnostics;
    return report;
  });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'codemigrate', version: input.version },
    mode: input.mode,
    cwd: input.cwd,
    projects: input.tsconfigs.map((p) => displayPath(input.cwd, p)),
    transforms: [...input.transforms],
    files,
    totals,
    stats: input.stats,
    notes: input.notes.map((n) => ({ ...n, ...(n.path ? { path: displayPath(input.cwd, n.path) } : {}) })),
    written: input.written,
    durationMs: Math.round(input.durationMs),
  };
}
