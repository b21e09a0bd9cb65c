/**
 * The pipeline's working state for one file, and the project a file belongs to. Plain data that the
 * engines update as transforms run; nothing here reads or writes the disk.
 */
import type { Project, ts } from 'ts-morph';
import type { FileError, ProjectInfo, Warning } from '../transform-api/types.js';

/** One project (one tsconfig, or defaults) whose ts-morph Project is created only when first needed. */
export interface ProjectUnit {
  info: ProjectInfo;
  compilerOptions: ts.CompilerOptions;
  /** The files the tsconfig includes (absolute), as `tsc -p` would check them; empty without a tsconfig. */
  fileNames: ReadonlySet<string>;
  /** The ts-morph project; created on first call. */
  getProject(): Project;
  /** Whether getProject() has been called (so the checker and verify can share it). */
  hasProject(): boolean;
  /** How the project's files parse JSDoc: 'all' (the default) or as `tsc` does ('for-type-errors'). */
  readonly jsDoc: JsDocParsing;
  /** Sets `jsDoc`; only before the project is created, since every file must be parsed the same way. */
  setJsDocParsing(mode: JsDocParsing): void;
}

/**
 * 'all': every JSDoc comment becomes nodes (ts-morph's `getJsDocs()`, `getStart(true)` see them).
 * 'for-type-errors': only what `tsc` parses (JavaScript files, and `@see`/`@link` in TypeScript files).
 */
export type JsDocParsing = 'all' | 'for-type-errors';

export interface WorkFile {
  /** Absolute path. */
  path: string;
  /** Whether the output starts with a BOM (a jscodeshift transform may drop or add one). */
  bom: boolean;
  /** Whether the file on disk started with a BOM. */
  originalBom: boolean;
  /** The text as read, without BOM. */
  original: string;
  /** The text after the transforms that ran so far. */
  text: string;
  unit: ProjectUnit;
  /** Transforms that changed the text, in order. */
  changedBy: string[];
  warnings: Warning[];
  /** Set when a transform skipped the file on purpose, or it was never eligible. */
  skipReason?: string;
  /** Set when the file failed; no later transform runs on it. */
  error?: FileError;
}

/** Creates the working state for a file that was read with `text` (BOM already stripped). */
export function createWorkFile(path: string, text: string, bom: boolean, unit: ProjectUnit): WorkFile {
  return { path, bom, originalBom: bom, original: text, text, unit, changedBy: [], warnings: [] };
}

/** Marks a file failed and restores its original text, so no half-transformed output can be written. */
export function failWorkFile(file: WorkFile, error: FileError): void {
  file.error = error;
  file.text = file.original;
}

/** Turns anything a transform threw into a FileError with the transform's stack position. */
export function toFileError(thrown: unknown, transform?: string, transformPath?: string): FileError {
  const err = thrown instanceof Error ? thrown : new Error(String(thrown));
  const stack = err.stack ?? '';
  let location: string | undefined;
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    const file = m[1]!.replace(/^file:\/\//, '');
    if (file.startsWith('node:') || file.includes('/node_modules/')) continue;
    if (transformPath && !file.endsWith(transformPath.replace(/\.[cm]?[jt]s$/, '')) && !file.includes(transformPath)) {
      if (!location) location = `${file}:${m[2]}:${m[3]}`;
      continue;
    }
    location = `${file}:${m[2]}:${m[3]}`;
    break;
  }
  return { message: `${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message}`, transform, location, stack };
}
