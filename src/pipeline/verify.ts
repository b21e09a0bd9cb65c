/**
 * --verify: type-check the affected part of the project before and after the transforms, and revert
 * the files whose edits add diagnostics. Not implemented yet: it returns the results unchanged and
 * is tracked by the --verify issue.
 */
import type { ProjectUnit, WorkFile } from '../engines/work-file.js';
import type { FileResult } from '../transform-api/types.js';

export interface VerifySettings {
  cwd: string;
}

export async function verifyResults(
  results: FileResult[],
  _files: readonly WorkFile[],
  _units: readonly ProjectUnit[],
  _settings: VerifySettings,
): Promise<FileResult[]> {
  return results;
}
