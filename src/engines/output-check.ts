/**
 * The engine's check that a transform's output still parses. A bare parse of the whole new text costs
 * as much as parsing the file again (about an eighth of a use-import-type run on a large code base).
 * Most edits are local, so only the top-level statements around them are parsed again, with one
 * unchanged statement on each side; when that is clean and those unchanged statements still end where
 * they did, the whole file parses, since the parser starts each top-level statement afresh. Anything
 * else (a syntax error, a moved boundary, a file that is not a module elsewhere) falls back to the
 * full parse, whose first error is what gets reported. Pure: no disk, no console.
 */
import { ts } from '../ts-morph.cjs';
import { commonEnds, lineAndColumn } from './text-edits.js';
import type { TextEdit } from '../transform-api/types.js';

export interface OutputSyntaxError {
  message: string;
  line: number;
  column: number;
}

/**
 * The first syntax error of `after`, the new text of the file `before` (a tree that parsed without
 * errors). `edits` are the edits `after` was made with, in `before`'s offsets, when they are exact;
 * without them the changed part is found by comparing the texts.
 */
export function findOutputSyntaxError(
  path: string,
  before: ts.SourceFile,
  after: string,
  edits?: readonly TextEdit[],
): OutputSyntaxError | undefined {
  if (windowsParse(path, before, after, edits)) return undefined;
  return getTextSyntaxError(path, after);
}

/** The first syntax error of a text, from a bare parse of all of it (no project, no parent pointers). */
export function getTextSyntaxError(path: string, text: string): OutputSyntaxError | undefined {
  return firstSyntaxError(parse(path, text));
}

/** The first syntax error the parser recorded in a tree (an input's or an output's), 1-based. */
export function firstSyntaxError(tree: ts.SourceFile): OutputSyntaxError | undefined {
  const first = (tree as ParsedFile).parseDiagnostics?.[0];
  if (!first) return undefined;
  return { message: ts.flattenDiagnosticMessageText(first.messageText, '\n'), ...lineAndColumn(tree.text, first.start) };
}

type ParsedFile = ts.SourceFile & { parseDiagnostics?: ts.DiagnosticWithLocation[] };

function parse(path: string, text: string, isModule?: boolean): ParsedFile {
  // JSDoc is not parsed: its syntax never makes a file fail to compile, and skipping it is cheaper.
  const options: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  if (isModule !== undefined) {
    options.setExternalModuleIndicator = (file) => {
      (file as { externalModuleIndicator?: unknown }).externalModuleIndicator = isModule ? true : undefined;
    };
  }
  return ts.createSourceFile(path, text, options, false) as ParsedFile;
}

/** A changed range of the old text, and how much longer the new text is there. */
interface Region {
  start: number;
  end: number;
  delta: number;
}

/** A run of top-level statements, `first` and `last` included, re-parsed together. */
interface Window {
  first: number;
  last: number;
}

/**
 * Whether re-parsing only the statements around the changes proves the whole new text clean. False
 * means "not proven", never "broken". Exported for its tests.
 */
export function windowsParse(path: string, before: ts.SourceFile, after: string, edits: readonly TextEdit[] | undefined): boolean {
  const old = before.text;
  const statements = before.statements;
  const count = statements.length;
  if (count < 3) return false;
  const regions = edits ? regionsOfEdits(edits) : regionOfTexts(old, after);
  // No change, or one in the trivia after the last statement: the full parse.
  if (regions.length === 0 || regions.at(-1)!.end > statements[count - 1]!.end) return false;

  // Each region widens to the statements it touches plus one unchanged statement on each side.
  const windows: Window[] = [];
  const touched = new Set<number>();
  for (const region of regions) {
    const touchedFirst = firstIndex(statements, (st) => st.end >= region.start);
    const touchedLast = Math.max(touchedFirst, firstIndex(statements, (st) => st.pos > region.end) - 1);
    for (let i = touchedFirst; i <= touchedLast; i++) touched.add(i);
    const window = { first: Math.max(0, touchedFirst - 1), last: Math.min(count - 1, touchedLast + 1) };
    const previous = windows.at(-1);
    if (previous && window.first <= previous.last) previous.last = Math.max(previous.last, window.last);
    else windows.push(window);
  }
  let covered = 0;
  for (const w of windows) covered += statements[w.last]!.end - statements[w.first]!.pos;
  if (covered > old.length / 2) return false;
  // A top-level `await` parses by whether the file is a module: it must be one because of a statement
  // no edit touched (an import, an export), else the full parse decides.
  if (!statements.some((st, i) => !touched.has(i) && isModuleIndicator(st))) return false;

  for (const w of windows) {
    const first = statements[w.first]!;
    const last = statements[w.last]!;
    // An insertion right at the window's start (the file's start) belongs to the window; at its end too.
    let start = first.pos;
    let end = last.end;
    for (const r of regions) {
      if (r.start < first.pos) start += r.delta;
      if (r.start <= last.end) end += r.delta;
    }
    const text = after.slice(start, end);
    const parsed = parse(path, text, true);
    if (parsed.parseDiagnostics?.length) return false;
    const got = parsed.statements;
    // The unchanged statement on each side (none at the file's start or end) must parse as it did, in place.
    if (!touched.has(w.first)) {
      const head = got[0];
      if (!head || head.kind !== first.kind || head.end !== first.end - first.pos) return false;
      if (head.getStart(parsed) !== first.getStart(before) - first.pos) return false;
    }
    if (!touched.has(w.last)) {
      const tail = got.at(-1);
      if (!tail || tail.kind !== last.kind || tail.end !== text.length) return false;
      if (text.length - tail.getStart(parsed) !== last.end - last.getStart(before)) return false;
    }
  }
  return true;
}

function isModuleIndicator(st: ts.Statement): boolean {
  if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isExportAssignment(st)) return true;
  if (ts.isImportEqualsDeclaration(st)) return ts.isExternalModuleReference(st.moduleReference);
  return ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The first index whose statement satisfies `test` (which must be monotonic), or `statements.length`. */
function firstIndex(statements: ts.NodeArray<ts.Statement>, test: (st: ts.Statement) => boolean): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(statements[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function regionsOfEdits(edits: readonly TextEdit[]): Region[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end).map((e) => ({ start: e.start, end: e.end, delta: e.text.length - (e.end - e.start) }));
}

/** One region from the common start and end of the two texts. */
function regionOfTexts(old: string, updated: string): Region[] {
  if (old === updated) return [];
  const { prefix, suffix } = commonEnds(old, updated);
  return [{ start: prefix, end: old.length - suffix, delta: updated.length - old.length }];
}
