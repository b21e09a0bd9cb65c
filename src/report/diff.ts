/**
 * Unified diffs of a file's before and after text (jsdiff), in git's format so that `git apply`
 * accepts the patch file. Pure functions.
 */
import { structuredPatch } from 'diff';
import { BOM, commonEnds } from '../engines/text-edits.js';

export interface FileDiff {
  /** The hunks, as lines without the header. */
  hunks: string;
  insertions: number;
  deletions: number;
}

const CONTEXT = 3;

/** The diff of two texts, 3 lines of context, with BOMs put back so the patch reproduces the file exactly. */
export function diffTexts(before: string, after: string, beforeBom = false, afterBom = beforeBom): FileDiff {
  const old = (beforeBom ? BOM : '') + before;
  const updated = (afterBom ? BOM : '') + after;
  // jsdiff splits and compares every line; a transform usually changes a few lines of a long file.
  // The lines both texts start and end with, beyond the context, cannot be in a hunk: diff the rest.
  const { skipped, oldMiddle, newMiddle } = trimCommonLines(old, updated);
  const patch = structuredPatch('a', 'b', oldMiddle, newMiddle, '', '', { context: CONTEXT });
  let insertions = 0;
  let deletions = 0;
  const out: string[] = [];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${range(hunk.oldStart + skipped, hunk.oldLines)} +${range(hunk.newStart + skipped, hunk.newLines)} @@`);
    for (const line of hunk.lines) {
      if (line.startsWith('+')) insertions++;
      else if (line.startsWith('-')) deletions++;
      out.push(line);
    }
  }
  return { hunks: out.length ? `${out.join('\n')}\n` : '', insertions, deletions };
}

/**
 * Cuts the whole lines two texts share at their start and at their end, keeping CONTEXT of them next
 * to the change (git trims the same way before diffing). `skipped` is how many lines the start lost.
 */
function trimCommonLines(old: string, updated: string): { skipped: number; oldMiddle: string; newMiddle: string } {
  const { prefix, suffix } = commonEnds(old, updated);

  // The head: the lines before the first difference's line, less CONTEXT of them.
  let head = prefix === 0 ? 0 : old.lastIndexOf('\n', prefix - 1) + 1;
  for (let kept = 0; kept < CONTEXT && head > 0; kept++) head = head < 2 ? 0 : old.lastIndexOf('\n', head - 2) + 1;
  let skipped = 0;
  for (let i = old.indexOf('\n'); i !== -1 && i < head; i = old.indexOf('\n', i + 1)) skipped++;

  // The tail: from the first line break inside the common end (so both texts start a line there),
  // less CONTEXT lines.
  const breakInSuffix = old.indexOf('\n', old.length - suffix);
  let tail = breakInSuffix === -1 ? old.length : breakInSuffix + 1;
  for (let kept = 0; kept < CONTEXT && tail < old.length; kept++) {
    const next = old.indexOf('\n', tail);
    tail = next === -1 ? old.length : next + 1;
  }
  const cut = old.length - tail;
  return { skipped, oldMiddle: old.slice(head, tail), newMiddle: updated.slice(head, updated.length - cut) };
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
