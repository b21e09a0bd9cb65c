/**
 * The writer: the only module that writes source files. Each file is written to a temporary file in
 * its own directory and renamed over the original, so a file is either entirely old or entirely new,
 * even if the process dies mid-write. The file mode, BOM and line endings are kept. A file that changed
 * on disk since it was read is not overwritten. A failed write fails only that file.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BOM } from '../engines/text-edits.js';
import type { FileResult } from '../transform-api/types.js';

/** Writes every `changed` result; returns the results with failed writes turned into `failed`. */
export function writeResults(results: readonly FileResult[]): FileResult[] {
  return results.map((result) => (result.status === 'changed' ? writeOne(result) : result));
}

function writeOne(result: FileResult): FileResult {
  const expected = result.before;
  try {
    const onDisk = readFileSync(result.path, 'utf8');
    const onDiskText = onDisk.startsWith(BOM) ? onDisk.slice(1) : onDisk;
    if (onDiskText !== expected) {
      return failed(result, 'the file changed on disk while codemigrate ran; it was not overwritten (run again)');
    }
    if ((statSync(result.path).mode & 0o200) === 0) {
      return failed(result, 'the file is read-only; it was not overwritten (make it writable, then run again)');
    }
    writeAtomically(result.path, (result.bom ? BOM : '') + result.after);
    return result;
  } catch (error) {
    return failed(result, `write failed: ${(error as Error).message}`);
  }
}

/** Why `path` cannot be written by writeAtomically (its directory is missing, or it is a directory), or undefined. */
export function unwritableReason(path: string): string | undefined {
  try {
    if (!statSync(dirname(path)).isDirectory()) return `${dirname(path)} is not a directory`;
  } catch {
    return `the directory ${dirname(path)} does not exist`;
  }
  try {
    if (statSync(path).isDirectory()) return 'it is a directory';
  } catch {
    // Does not exist yet: fine.
  }
  return undefined;
}

/** Writes `text` to `path` through a temporary sibling and a rename, keeping the file's mode. */
export function writeAtomically(path: string, text: string): void {
  try {
    // A symlink stays a symlink: write its target (a rename over the link would replace it with a file).
    path = realpathSync(path);
  } catch {
    // A new file: nothing to resolve.
  }
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temp = join(dirname(path), `.${basename(path)}.codemigrate-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode ?? 0o644);
    writeSync(fd, text, null, 'utf8');
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    throw error;
  }
}

function failed(result: FileResult, message: string): FileResult {
  return { ...result, status: 'failed', after: result.before, transforms: [], error: { message } };
}
