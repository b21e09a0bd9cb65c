/**
 * The patch reporter: every change as one unified diff in git's format, which `git apply` accepts and
 * which gives exactly what --write gives. Pure: the writer puts it on disk.
 */
import { relative, sep } from 'node:path';
import type { FileResult } from '../transform-api/types.js';
import { diffTexts, gitHeader } from './diff.js';

/** The patch text; paths are relative to `base` (the git root, so `git apply` works from there). */
export function buildPatch(results: readonly FileResult[], base: string): string {
  let patch = '';
  for (const result of results) {
    if (result.status !== 'changed') continue;
    const diff = diffTexts(result.before, result.after, result.originalBom ?? result.bom, result.bom);
    if (!diff.hunks) continue;
    patch += gitHeader(relative(base, result.path).split(sep).join('/')) + diff.hunks;
  }
  return patch;
}
