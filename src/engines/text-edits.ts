/**
 * Text-level helpers shared by the engines and the pipeline: applying a batch of edits in one splice,
 * line/column lookup, line-ending detection, the common start and end of two texts. Pure functions
 * over strings.
 */
import type { TextEdit } from '../transform-api/types.js';

/** Thrown when a transform returns edits that overlap: a bug in that transform, reported as a failed file. */
export class OverlappingEditsError extends Error {
  constructor(a: TextEdit, b: TextEdit) {
    super(`the transform returned overlapping edits: [${a.start}, ${a.end}) and [${b.start}, ${b.end})`);
    this.name = 'OverlappingEditsError';
  }
}

/**
 * Applies all edits to `text` in one pass. Inserts at the same offset keep the order they were given in.
 * Edits out of range or overlapping throw: a transform must never silently lose an edit.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map((x) => x.edit);
  const parts: string[] = [];
  let cursor = 0;
  let previous: TextEdit | undefined;
  for (const edit of ordered) {
    if (!Number.isInteger(edit.start) || !Number.isInteger(edit.end) || edit.start < 0 || edit.end > text.length || edit.start > edit.end) {
      throw new RangeError(`the transform returned an edit out of range: [${edit.start}, ${edit.end}) in a text of ${text.length} characters`);
    }
    if (edit.start < cursor) throw new OverlappingEditsError(previous!, edit);
    parts.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
    previous = edit;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/** The file's line ending: CRLF when most of its line breaks are CRLF. */
export function detectEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Keeps a CRLF file CRLF: when the original used only CRLF, bare LFs a transform introduced become CRLF.
 * A file with mixed endings is left as the transform wrote it.
 */
export function keepLineEndings(original: string, updated: string): string {
  if (updated === original) return updated;
  if (!original.includes('\r\n') || /(^|[^\r])\n/.test(original)) return updated;
  return updated.replace(/\r?\n/g, '\r\n');
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

export const BOM = '\uFEFF';

/** Splits a leading byte-order mark off a file's text. */
export function stripBom(text: string): { text: string; bom: boolean } {
  return text.startsWith(BOM) ? { text: text.slice(1), bom: true } : { text, bom: false };
}

/**
 * How many characters two texts share at their start (`prefix`) and, in what follows it, at their end
 * (`suffix`): what a change between them left alone.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}
