/**
 * The exit-code table, designed up front and documented in the README (ast-grep's error table).
 */
import type { RunSummary } from '../transform-api/types.js';

export enum ExitCode {
  /** Every file changed, unchanged or skipped on purpose (with --check: nothing would change). */
  Ok = 0,
  /** --check found files that would change. */
  CheckFoundChanges = 1,
  /** Usage or configuration error; nothing was written. */
  Usage = 2,
  /** At least one file failed or was reverted by --verify; every other file got its result. */
  FileFailed = 3,
}

/** The exit code of a finished run. A failure outranks --check's "would change". */
export function exitCodeFor(summary: RunSummary): ExitCode {
  if (summary.totals.failed > 0 || summary.totals.reverted > 0 || summary.notes.some((n) => n.level === 'error')) return ExitCode.FileFailed;
  if (summary.mode === 'check' && summary.totals.changed > 0) return ExitCode.CheckFoundChanges;
  return ExitCode.Ok;
}
