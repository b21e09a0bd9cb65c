/**
 * Unified diffs of a file's before and after text (jsdiff), in git's format so that `git apply`
 * accepts the patch file. Pure functions.
 */
import { structuredPatch } from 'diff';
import { BOM } from '../engines/text-edits.js';

export interface FileDiff {
  /** The hunks, as lines without the header. */
  hunks: string;
  insertions: number;
  deletions: number;
}

/** The diff of two texts, 3 lines of context, with BOMs put back so the patch reproduces the file exactly. */
export function diffTexts(before: string, after: string, beforeBom = false, afterBom = beforeBom): FileDiff {
  const patch = structuredPatch('a', 'b', (beforeBom ? BOM : '') + before, (afterBom ? BOM : '') + after, '', '', { context: 3 });
  let insertions = 0;
  let deletions = 0;
  const out: string[] = [];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    for (const line of hunk.lines) {
      if (line.startsWith('+')) insertions++;
      else if (line.startsWith('-')) deletions++;
      out.push(line);
    }
  }
  return { hunks: out.length ? `${out.join('\n')}\n` : '', insertions, deletions };
}

function range(start: number, lines: number): string {
  // git writes an empty side as `0,0`; jsdiff gives start 1 with 0 lines for an empty old file.
  if (lines === 0) return `${Math.max(start - 1, 0)},0`;
  return lines === 1 ? `${start}` : `${start},${lines}`;
}

/** A git-style header for a modified file, paths relative with `/`. */
export function gitHeader(path: string): string {
  return `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n`;
}
