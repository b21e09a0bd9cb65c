/**
 * The data that flows through codemigrate: what a transform is, what it is given, and what every file
 * ends as. Pure types: nothing here touches the disk, the console or `process`.
 */
import type { Node, Project, SourceFile, ts, TypeChecker } from 'ts-morph';
import type { Checker, LedgerEdit, ProjectEnvironment } from './contracts.js';

export type * from './contracts.js';

/** The one outcome every file ends in (LibCST's TransformResult: never an exception). */
export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'failed' | 'reverted';

/** A warning attached to a file: a refusal, a behaviour difference, or advice. Positions are 1-based. */
export interface Warning {
  path: string;
  line: number;
  column: number;
  transform: string;
  message: string;
}

/** Why a file failed: parse error, transform error, write error. */
export interface FileError {
  message: string;
  /** The transform that threw, when one did. */
  transform?: string;
  /** `file:line:col` of the frame in the transform that threw, when it can be found. */
  location?: string;
  stack?: string;
}

/** A type-checker diagnostic, used by `--verify`. */
export interface Diagnostic {
  path: string;
  line: number;
  column: number;
  code: number;
  message: string;
}

/** Everything the run learned about one file. `before`/`after` are the texts without BOM. */
export interface FileResult {
  /** Absolute path. */
  path: string;
  status: FileStatus;
  /** The transforms that changed this file, in the order they ran. */
  transforms: string[];
  before: string;
  /** The text that --write would write (equals `before` unless changed). */
  after: string;
  warnings: Warning[];
  /** Why the file was skipped. */
  reason?: string;
  /** Why the file failed. */
  error?: FileError;
  /** Why the file was reverted (new diagnostics found by --verify). */
  diagnostics?: Diagnostic[];
  /** The output starts with a UTF-8 byte-order mark; the writer puts it back. */
  bom: boolean;
  /** Whether the file on disk started with a BOM (differs from `bom` only if a jscodeshift transform changed it). */
  originalBom?: boolean;
  /** For reverted files: the text the transforms produced before --verify reverted it. */
  attemptedAfter?: string;
  /**
   * The run's edits to this file in the coordinates of `before`, sorted and non-overlapping, each tagged
   * with its group's key (RunGroup.key); `after` is `before` with the kept groups' edits applied.
   */
  edits?: LedgerEdit[];
}

/** One replacement in a file's text: positions are offsets into `SourceFile.getFullText()` (no BOM). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /**
   * The edit group (see contracts.ts) this edit belongs to: edits with the same group stand or fall
   * together under --verify and the interactive review. Untagged edits of one transform in one file
   * form one group.
   */
  group?: string;
}

/** What a transform may know about the project it runs in (read by the loader, never by the transform). */
export interface ProjectInfo {
  /** Absolute path of the tsconfig this file was loaded with, if any. */
  tsconfigPath?: string;
  /** The raw text of that tsconfig, for project-level edits (use-disposable-stack adds `lib` entries). */
  tsconfigText?: string;
  /** The nearest package.json at or above the project, if any: its text and parsed data. */
  packageJson?: { path: string; text: string; data: Record<string, unknown> };
}

/** The context a ts-morph transform gets for one file. */
export interface TransformContext<O> {
  /** The transform's name, for messages. */
  readonly transform: string;
  readonly options: Readonly<O>;
  /** Absolute path of the file. */
  readonly path: string;
  /** The line ending new text should use: the file's own. */
  readonly eol: '\n' | '\r\n';
  /** The ts-morph project the file belongs to. Its type checker may only be used when `needsTypes` is true. */
  readonly project: Project;
  readonly compilerOptions: ts.CompilerOptions;
  readonly projectInfo: ProjectInfo;
  /** The project's toolchain and runtime (src/project/environment.ts); what a transform writes must suit it. */
  readonly environment?: ProjectEnvironment;
  /** Probes: type-check proposed texts without changing anything (the run's checker service). */
  readonly checker?: Checker;
  /** The type checker; throws unless the transform declared `needsTypes: true`. */
  getTypeChecker(): TypeChecker;
  /** Report something about this file at a node or a text offset: `path:line:col transform: message`. */
  warn(at: Node | number, message: string): void;
  /** Leave the whole file alone on purpose; it ends `skipped` with this reason unless an earlier transform changed it. */
  skip(reason: string): void;
}

/** The context a transform's optional `finish` hook gets once per run, after every file. */
export interface FinishContext<O> {
  readonly transform: string;
  readonly options: Readonly<O>;
  readonly projects: ReadonlyArray<{ info: ProjectInfo; compilerOptions: ts.CompilerOptions }>;
  /** Absolute paths of the files this transform changed in this run. */
  readonly changedFiles: readonly string[];
  /** Propose a new text for a project file (a tsconfig.json or package.json the loader read); it is diffed and written like any other change. */
  editFile(path: string, newText: string): void;
  /** A note for the whole run (a polyfill to install, a compiler option to change); shown after the diffs. */
  note(message: string, path?: string): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Options, declared once as data (vitest's CLI option table, OpenRewrite's @Option).

export type OptionKind = 'choice' | 'boolean' | 'string' | 'number';

export interface OptionSpec<T> {
  kind: OptionKind;
  description: string;
  default: T;
  /** For `choice`: the allowed values. */
  choices?: readonly string[];
  /** Phantom, for inference. */
  readonly __type?: T;
}

export type OptionSpecs<O> = { [K in keyof O]: OptionSpec<O[K]> };

// ---------------------------------------------------------------------------------------------------------------
// Transforms.

interface TransformMeta<O> {
  /** kebab-case, verb first; the same string is the file, the fixture folder, the sub-command and the README row. */
  name: string;
  /** One line, shown by `migrate list` and `--help`. */
  summary: string;
  /** Options, declared once: they become flags, `--help`, README rows, and fixture option validation. */
  options?: OptionSpecs<O>;
  /** An example command line for `migrate <name> --help`. */
  example?: string;
}

/** A codemigrate transform on ts-morph: analyse (read-only), then edit once per file. */
export interface TsMorphTransform<O = Record<string, never>, M = unknown> extends TransformMeta<O> {
  engine: 'ts-morph';
  /** True only if `collect` asks the type checker. Otherwise only the parser is used. */
  needsTypes?: boolean;
  /**
   * Whether the transform reads JSDoc nodes (ts-morph's `getJsDocs()`, `getStart(true)`). Defaults to
   * true. A transform that declares `false` lets the files parse JSDoc only as `tsc` does (JavaScript
   * files, and `@see`/`@link` comments in TypeScript files), about a quarter less parse time on
   * documented code; comments stay in the text either way. If any transform of a run needs JSDoc, all
   * of it is parsed.
   */
  needsJsDoc?: boolean;
  /**
   * Read-only: find what to change. Never edits. Return `undefined`/`null`/an empty array for
   * "nothing to do". Refusals go through `ctx.warn`.
   */
  collect(file: SourceFile, ctx: TransformContext<O>): M | undefined | null;
  /**
   * Edit using only what `collect` found; never asks the checker. Return text edits (preferred: they
   * are applied as one splice), or the whole new text.
   */
  apply(file: SourceFile, matches: M, ctx: TransformContext<O>): readonly TextEdit[] | string;
  /** Optional project-level step, once per run after every file (tsconfig `lib`, polyfill notes). */
  finish?(ctx: FinishContext<O>): void;
}

/** jscodeshift's own signature, kept as is. */
export type JscodeshiftFunction = (
  file: { path: string; source: string },
  api: Record<string, unknown>,
  options: Record<string, unknown>,
) => string | null | undefined | void | Promise<string | null | undefined | void>;

/** A jscodeshift transform wrapped for the runner. */
export interface JscodeshiftTransform extends TransformMeta<Record<string, unknown>> {
  engine: 'jscodeshift';
  fn: JscodeshiftFunction;
  /** The module's own `parser` export, if any. */
  parser?: string | object;
  /** Where it was loaded from (for workers and messages). */
  modulePath?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTsMorphTransform = TsMorphTransform<any, any>;
export type Transform = AnyTsMorphTransform | JscodeshiftTransform;

// ---------------------------------------------------------------------------------------------------------------
// The report: what `--json` prints and `migrate()` returns.

export const REPORT_SCHEMA_VERSION = 1;

export interface FileReport {
  /** Relative to the run's cwd, with `/` separators. */
  path: string;
  status: FileStatus;
  transforms: string[];
  /** Unified diff (for changed and reverted files). */
  diff?: string;
  insertions: number;
  deletions: number;
  warnings: Array<Omit<Warning, 'path'>>;
  reason?: string;
  error?: FileError;
  diagnostics?: Diagnostic[];
}

export interface RunNote {
  transform: string;
  message: string;
  path?: string;
  /** `error` when a transform's project-level step failed: the run then exits 3. */
  level?: 'info' | 'error';
}

export interface RunSummary {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'codemigrate'; version: string };
  mode: 'preview' | 'write' | 'check';
  cwd: string;
  /** The tsconfig files loaded (relative paths), or empty with `note` saying defaults were used. */
  projects: string[];
  transforms: string[];
  files: FileReport[];
  totals: {
    files: number;
    changed: number;
    unchanged: number;
    skipped: number;
    failed: number;
    reverted: number;
    insertions: number;
    deletions: number;
    warnings: number;
  };
  /** jscodeshift `api.stats(name, n)` counts, per transform. */
  stats: Record<string, Record<string, number>>;
  notes: RunNote[];
  /** Whether files were written. */
  written: boolean;
  durationMs: number;
}
