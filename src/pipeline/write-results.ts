/**
 * The writer: the only module that writes source files. Each file is written to a temporary file in
 * its own directory and renamed over the original, so a file is either entirely old or entirely new,
 * even if the process dies mid-write. The file mode, BOM and line endings are kept. A file that changed
 * on disk since it was read is not overwritten. A failed write fails only that file.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { chmod, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BOM } from '../engines/text-edits.js';
import type { FileResult } from '../transform-api/types.js';

/** How many files are written at once: each write waits on its fsync, so a few in flight hide that wait. */
const CONCURRENT_WRITES = 16;

/** Writes every `changed` result; returns the results, in order, with failed writes turned into `failed`. */
export async function writeResults(results: readonly FileResult[]): Promise<FileResult[]> {
  const out = [...results];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < out.length) {
      const index = next++;
      if (out[index]!.status === 'changed') out[index] = await writeOne(out[index]!);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_WRITES }, worker));
  return out;
}

async function writeOne(result: FileResult): Promise<FileResult> {
  try {
    const onDisk = await readFile(result.path, 'utf8');
    const onDiskText = onDisk.startsWith(BOM) ? onDisk.slice(1) : onDisk;
    if (onDiskText !== result.before) {
      return failed(result, 'the file changed on disk while codemigrate ran; it was not overwritten (run again)');
    }
    if (((await stat(result.path)).mode & 0o200) === 0) {
      return failed(result, 'the file is read-only; it was not overwritten (make it writable, then run again)');
    }
    await writeAtomically(result.path, (result.bom ? BOM : '') + result.after);
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

/** Writes `text` to `path` through a temporary sibling, fsync and a rename, keeping the file's mode. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  try {
    // A symlink stays a symlink: write its target (a rename over the link would replace it with a file).
    path = await realpath(path);
  } catch {
    // A new file: nothing to resolve.
  }
  let mode: number | undefined;
  try {
    mode = (await stat(path)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temp = join(dirname(path), `.${basename(path)}.codemigrate-${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx', mode ?? 0o644);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
}

function failed(result: FileResult, message: string): FileResult {
  return { ...result, status: 'failed', after: result.before, transforms: [], error: { message } };
}
