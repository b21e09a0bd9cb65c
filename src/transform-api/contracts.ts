/**
 * The contracts between the run and the transforms that the project's toolchain, the checker service,
 * edit groups, project-level transforms and recipes build on. Pure types: nothing here touches the
 * disk, the console or `process`. Fields may be added; none may change meaning.
 */
import type { Node, Project, SourceFile, TypeChecker } from 'ts-morph';
import type { Diagnostic, TextEdit } from './types.js';

// ---------------------------------------------------------------------------------------------------------------
// The project's environment: read once per run by the project loader (src/project/environment.ts), given to
// every transform in its context, printed with --verbose and put in the JSON report. Transforms read it and
// never assume the tool's own toolchain.

/** A version as the project would resolve it, and where that answer came from. */
export interface DetectedVersion {
  /** e.g. "3.9.7"; absent when unknown. */
  version?: string;
  /** `installed`: the package the project's own build resolves (node_modules); `range`: only a package.json range; `unknown`. */
  source: 'installed' | 'range' | 'unknown';
  /** The package.json range, when there is one (e.g. "^5.0.4"). */
  range?: string;
  /** Absolute directory of the installed package, when `source` is `installed`. */
  packageDir?: string;
}

/** What the project runs on. `true`/`false` are proven from the project's own files; `undefined` is unknown. */
export interface RuntimeEnvironment {
  /** The smallest Node major version the project promises to run on (engines.node, @types/node, .nvmrc…), if any. */
  nodeMin?: number;
  /** The project also runs in browsers (DOM lib, a `browser` field, a browserslist config…). */
  browser?: boolean;
  /** `globalThis.DisposableStack` exists at run time: Node ≥ 24 guaranteed, or the user said so (`--runtime-has-disposable`). */
  hasDisposableStack?: boolean;
  /** Where each answer came from, for --verbose and the JSON report ("engines.node >=20 in package.json"). */
  evidence: string[];
}

/** The project's formatter, if it has one. */
export interface FormatterEnvironment {
  kind: 'prettier' | 'biome';
  /** Absolute path of its config file, if any. */
  configPath?: string;
  /** Absolute path of the installed package (to run it), if installed. */
  packageDir?: string;
  version?: string;
}

/** The project's toolchain and runtime, as the project itself would see them. */
export interface ProjectEnvironment {
  /** The project's TypeScript (its own compiler judges what the run writes). */
  typescript: DetectedVersion;
  runtime: RuntimeEnvironment;
  /** `esm` when package.json says "type": "module" or the tsconfig's module is ES/node16+/nodenext in ESM mode. */
  moduleSystem: 'esm' | 'commonjs' | 'unknown';
  formatter?: FormatterEnvironment;
  /** Decorators the project compiles: TC39 (TypeScript ≥ 5.0 without experimentalDecorators), legacy (`experimentalDecorators`), or none. */
  decorators: 'tc39' | 'legacy' | 'none';
}

// ---------------------------------------------------------------------------------------------------------------
// The checker service: one per run (src/checker/), used by --verify and by transforms. Its backend is the
// native TypeScript 7 compiler or the classic API of the project's own TypeScript (else the bundled one).

export interface CheckerBackendInfo {
  kind: 'native' | 'classic';
  /** The compiler's version, e.g. "7.0.2" or "5.0.4". */
  typescriptVersion: string;
  /** `project`: the project's own TypeScript; `bundled`: codemigrate's own (a fallback, said in the summary). */
  source: 'project' | 'bundled';
}

export interface CheckRequest {
  /** Proposed texts (absolute paths); files not listed keep their current text. A path not in the project is added. */
  files: ReadonlyArray<{ path: string; text: string }>;
  /** Also check every file that depends (transitively) on the proposed files. Default true. */
  dependants?: boolean;
}

export interface CheckResult {
  /** Every diagnostic of the checked files with the proposed texts. */
  diagnostics: Diagnostic[];
  /** Those that the current texts do not have (matched as --verify matches them). */
  introduced: Diagnostic[];
  /** The files that were checked (absolute). */
  checked: string[];
}

/** Type-check proposed texts against the current project without changing anything (probes, re-checks). */
export interface Checker {
  readonly backend: CheckerBackendInfo;
  check(request: CheckRequest): CheckResult;
}

// ---------------------------------------------------------------------------------------------------------------
// Edit groups: edits that stand or fall together. --verify reverts, and the interactive review accepts or
// skips, whole groups. A per-file transform's edits are grouped by `TextEdit.group` (untagged edits of one
// transform in one file form one group); a jscodeshift transform's file is one group; a project-level edit
// (tsconfig) is a group that others may require.

export interface FileEdits {
  /** Absolute path. A file that does not exist yet is created (e.g. a helper module). */
  path: string;
  /** Edits into the file's current text; or, to create a file, exactly one edit `{ start: 0, end: 0, text }`. */
  edits: readonly TextEdit[];
}

export interface EditGroup {
  /** Unique within the transform's run; stable across runs for the same code (e.g. "toWire@src/wire.ts"). */
  id: string;
  /** A short description for reports and review ("overload for toWire"). */
  label: string;
  /** Where the site is, for reports: the absolute path and an offset into its current text. */
  at: { path: string; offset: number };
  edits: readonly FileEdits[];
  /** Ids of other groups of the same transform this one needs (kept only if they are kept). */
  requires?: readonly string[];
  /** Behaviour differences to report at the site if the group is kept. */
  warnings?: ReadonlyArray<{ path: string; offset: number; message: string }>;
}

/**
 * The run's ledger of groups (built by the engines, read by --verify, the reports and the review). Every
 * edit a run made is recorded in the coordinates of its file's original text (`FileResult.before`), tagged
 * with the key of its group; a later transform's edits are mapped back through the earlier ones, and an
 * edit that overlaps an earlier group's edit makes its group require that one.
 */
export interface RunGroup {
  /** Unique in the run: `${transform}#${id}`. */
  key: string;
  transform: string;
  /** The group's own id (EditGroup.id, TextEdit.group, or a default such as the file's path). */
  id: string;
  label: string;
  /** Where the site is: absolute path, 1-based line and column in the original text. */
  at: { path: string; line: number; column: number };
  /** Keys of the groups this one needs: declared `requires`, overlaps with earlier edits, project-level edits it depends on. */
  requires: readonly string[];
  /** A project-level edit (tsconfig.json, package.json): every file of its project may depend on it. */
  projectLevel?: boolean;
}

/** One edit of the ledger: into the file's original text, tagged with its group's key. */
export interface LedgerEdit {
  start: number;
  end: number;
  text: string;
  group: string;
}

/** What a group became after verify and review, per file in the report. */
export interface GroupOutcome {
  id: string;
  transform: string;
  label: string;
  line: number;
  status: 'kept' | 'reverted' | 'skipped';
  /** For reverted groups: the new diagnostics that were blamed on it. */
  diagnostics?: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------------------------
// Project-level transforms: a step sees every selected file (and the checker) before any file is edited, and
// returns edit groups that may touch any file of the project. Steps run in order; each later step sees the
// project as the earlier steps' kept groups left it, with a fresh checker (e.g. remove the `!` that new
// overloads made redundant). Analyse, then edit: a step never edits the project itself, it returns groups.

export interface ProjectStepContext<O> {
  readonly transform: string;
  readonly options: Readonly<O>;
  readonly environment: ProjectEnvironment;
  /** 0 for the first step. */
  readonly step: number;
  /** The ts-morph project (one per tsconfig; steps run once per project). Read it; never edit it. */
  readonly project: Project;
  /** The files the user selected in this project, with their current texts. Only these (and new files) may be edited. */
  readonly files: readonly SourceFile[];
  /** The type checker of `project`. */
  getTypeChecker(): TypeChecker;
  /** Probes and re-checks through the run's checker service. */
  readonly checker: Checker;
  /** The line ending new text in `path` should use: the file's own. */
  eol(path: string): '\n' | '\r\n';
  /** A refusal or behaviour difference at a node (its own file) or at an offset of a file. */
  warn(at: Node | { path: string; offset: number }, message: string): void;
  /** A note for the whole run. */
  note(message: string, path?: string): void;
}

export type ProjectStep<O> = (ctx: ProjectStepContext<O>) => readonly EditGroup[];

// ---------------------------------------------------------------------------------------------------------------
// Recipes: a named, ordered list of transforms with options. Built-in ones live in transforms/recipes.ts;
// codemigrate.json may declare more. A recipe name works wherever a transform name does.

export type RecipeEntry = string | readonly [name: string, options: Record<string, unknown>];

export interface Recipe {
  name: string;
  summary: string;
  transforms: readonly RecipeEntry[];
}
