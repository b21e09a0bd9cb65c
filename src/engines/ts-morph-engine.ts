/**
 * The ts-morph engine: one codemigrate transform over a set of files. Analyse every file first
 * (`collect`, read-only, so the type checker is built once), then edit every file once (`apply`, one
 * splice per file). A transform that throws fails only that file, whose text is restored.
 * Reads no disk and prints nothing: the files' texts come in, updated texts and warnings go out.
 */
import type { SourceFile } from 'ts-morph';
import { Node } from '../ts-morph.cjs';
import type { AnyTsMorphTransform, FinishContext, RunNote, TransformContext } from '../transform-api/types.js';
import { applyTextEdits, detectEol, keepLineEndings, lineAndColumn } from './text-edits.js';
import { findOutputSyntaxError, firstSyntaxError } from './output-check.js';
import { failWorkFile, toFileError, type ProjectUnit, type WorkFile } from './work-file.js';

/** What a transform's `finish` hook asked for: project files to rewrite and notes for the run. */
export interface FinishOutput {
  edits: Array<{ path: string; newText: string; transform: string }>;
  notes: RunNote[];
}

/** Puts a file's current text into its project, re-parsing only when the text changed. */
export function syncSourceFile(file: WorkFile): SourceFile {
  const project = file.unit.getProject();
  let existing = project.getSourceFile(file.path);
  // createSourceFile(…, { overwrite: true }) first reads and parses the file on disk, then parses the
  // given text: two parses. A file still as it was read is added from disk instead: one parse.
  if (!existing && file.text === file.original) existing = project.addSourceFileAtPathIfExists(file.path);
  if (existing && existing.getFullText() === file.text) return existing;
  return project.createSourceFile(file.path, file.text, { overwrite: true });
}

/**
 * Runs one ts-morph transform on `files` (those not failed yet), updating each WorkFile in place.
 * Returns what its `finish` hook asked for.
 */
export function runTsMorphTransform(
  transform: AnyTsMorphTransform,
  options: Record<string, unknown>,
  files: readonly WorkFile[],
  units: readonly ProjectUnit[],
  onFile?: () => void,
): FinishOutput {
  const pending: Array<{ file: WorkFile; sourceFile: SourceFile; matches: unknown; ctx: TransformContext<unknown> }> = [];

  // Phase 0: put every file's current text into its project first. Adding a file to a ts-morph
  // project discards its program, so syncing file by file inside the analysis loop would rebuild the
  // type checker once per file.
  const synced = new Map<WorkFile, SourceFile>();
  for (const file of files) {
    if (file.error) continue;
    try {
      synced.set(file, syncSourceFile(file));
    } catch (error) {
      failWorkFile(file, toFileError(error));
    }
  }

  // Phase 1: analyse every file. Nothing is edited, so the checker (if any) stays valid throughout.
  for (const file of files) {
    onFile?.();
    const sourceFile = synced.get(file);
    if (file.error || !sourceFile) continue;
    const syntaxError = firstSyntaxError(sourceFile.compilerNode);
    if (syntaxError) {
      failWorkFile(file, {
        message: `does not parse: ${syntaxError.message} (${syntaxError.line}:${syntaxError.column})`,
        transform: transform.name,
      });
      continue;
    }
    const ctx = createContext(transform, options, file, sourceFile);
    try {
      const matches = transform.collect(sourceFile, ctx);
      if (matches === undefined || matches === null || (Array.isArray(matches) && matches.length === 0)) continue;
      pending.push({ file, sourceFile, matches, ctx });
    } catch (error) {
      failWorkFile(file, toFileError(error, transform.name));
    }
  }

  // Phase 2: edit each file once. The output is checked with a bare parse (of the statements around
  // the edits when that proves enough: output-check.ts); the project itself is
  // updated lazily (syncSourceFile) when a later transform or --verify needs the new text.
  for (const { file, sourceFile, matches, ctx } of pending) {
    const before = file.text;
    try {
      const result = transform.apply(sourceFile, matches, ctx);
      const edited = typeof result === 'string' ? result : applyTextEdits(before, result);
      const after = keepLineEndings(before, edited);
      if (after === before) continue;
      // The edits say where to look, unless line endings were changed after them.
      const edits = typeof result !== 'string' && after === edited ? result : undefined;
      const broken = findOutputSyntaxError(file.path, sourceFile.compilerNode, after, edits);
      if (broken) throw new Error(`produced code that does not parse: ${broken.message} (${broken.line}:${broken.column} of the output)`);
      file.text = after;
      file.changedBy.push(transform.name);
    } catch (error) {
      failWorkFile(file, toFileError(error, transform.name));
    }
  }

  return runFinish(transform, options, files, units);
}

function createContext(
  transform: AnyTsMorphTransform,
  options: Record<string, unknown>,
  file: WorkFile,
  sourceFile: SourceFile,
): TransformContext<unknown> {
  const text = file.text;
  return {
    transform: transform.name,
    options,
    path: file.path,
    eol: detectEol(text),
    project: file.unit.getProject(),
    compilerOptions: file.unit.compilerOptions,
    projectInfo: file.unit.info,
    getTypeChecker() {
      if (!transform.needsTypes) {
        throw new Error(`transform ${transform.name} asked for the type checker but declares needsTypes: false`);
      }
      return file.unit.getProject().getTypeChecker();
    },
    warn(at, message) {
      const offset = typeof at === 'number' ? at : Node.isNode(at) ? at.getStart() : 0;
      const { line, column } = lineAndColumn(sourceFile.getFullText(), offset);
      file.warnings.push({ path: file.path, line, column, transform: transform.name, message });
    },
    skip(reason) {
      file.skipReason ??= `${transform.name}: ${reason}`;
    },
  };
}

function runFinish(
  transform: AnyTsMorphTransform,
  options: Record<string, unknown>,
  files: readonly WorkFile[],
  units: readonly ProjectUnit[],
): FinishOutput {
  const output: FinishOutput = { edits: [], notes: [] };
  if (!transform.finish) return output;
  const ctx: FinishContext<unknown> = {
    transform: transform.name,
    options,
    projects: units.map((unit) => ({ info: unit.info, compilerOptions: unit.compilerOptions })),
    changedFiles: files.filter((f) => f.changedBy.includes(transform.name)).map((f) => f.path),
    editFile(path, newText) {
      output.edits.push({ path, newText, transform: transform.name });
    },
    note(message, path) {
      output.notes.push({ transform: transform.name, message, path });
    },
  };
  try {
    transform.finish(ctx);
  } catch (error) {
    const { message, location } = toFileError(error, transform.name);
    output.edits = [];
    output.notes.push({ transform: transform.name, level: 'error', message: `the project-level step failed: ${message}${location ? ` (${location})` : ''}` });
  }
  return output;
}
