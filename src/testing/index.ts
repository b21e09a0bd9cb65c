/**
 * The fixture harness, exported as `codemigrate/testing` so that people who write transforms can test
 * them the way the built-ins are tested. It drives the same engine code as the CLI (executeTransforms),
 * and proves more than equality: exact text, a second run that changes nothing, output that parses,
 * and exactly the declared warnings. It reads fixture files (it is test tooling), never writes them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from '../ts-morph.cjs';
import { describe, expect, it } from 'vitest';
import { getTextSyntaxError } from '../engines/output-check.js';
import { stripBom } from '../engines/text-edits.js';
import { createWorkFile, type WorkFile } from '../engines/work-file.js';
import { executeTransforms, jsDocParsingFor, toFileResult } from '../pipeline/execute.js';
import { loadTransform } from '../project/load-transforms.js';
import { createProjectUnit } from '../project/project-unit.js';
import { resolveOptions } from '../transform-api/define-transform.js';
import type { FileError, FileStatus, ProjectInfo, Transform, Warning } from '../transform-api/types.js';

export interface ApplyInput {
  /** Path of the file; relative paths are taken from `/` (in memory) or the cwd (on disk). Default `/input.ts`. */
  path?: string;
  source: string;
  /** Other files of an in-memory project (path → text). When given, the project lives in memory. */
  files?: Record<string, string>;
}

export interface ApplyOutput {
  status: FileStatus;
  output: string;
  warnings: Warning[];
  reason?: string;
  error?: FileError;
  /** Edits the transform's project step proposed (e.g. a tsconfig change), and its notes. */
  projectEdits: Array<{ path: string; newText: string }>;
  notes: string[];
}

export interface ApplySettings {
  compilerOptions?: ts.CompilerOptions;
  /** Use the real file system (the default when `files` is not given), so node_modules/@types resolve. */
  inMemory?: boolean;
  projectInfo?: ProjectInfo;
  /** `--parser` for jscodeshift transforms. */
  parser?: string;
}

/** Default compiler options for fixtures with no tsconfig: modern, JS allowed, JSX preserved. */
export const FIXTURE_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  jsx: ts.JsxEmit.Preserve,
  strict: true,
  skipLibCheck: true,
};

/**
 * Runs one transform on one file, through the same engine as the CLI (like jscodeshift's
 * `applyTransform`). Options are validated against the transform's declared options.
 */
export async function applyTransform(
  transform: Transform,
  input: ApplyInput,
  options: Record<string, unknown> = {},
  settings: ApplySettings = {},
): Promise<ApplyOutput> {
  const inMemory = settings.inMemory ?? input.files !== undefined;
  const path = resolveInputPath(input.path ?? 'input.ts', inMemory);
  const unit = createProjectUnit(settings.projectInfo ?? {}, settings.compilerOptions ?? FIXTURE_COMPILER_OPTIONS, { inMemory, jsDoc: jsDocParsingFor([transform]) });
  if (input.files) {
    const project = unit.getProject();
    for (const [filePath, text] of Object.entries(input.files)) {
      project.createSourceFile(resolveInputPath(filePath, inMemory), text, { overwrite: true });
    }
  }
  const { text, bom } = stripBom(input.source);
  const file: WorkFile = createWorkFile(path, text, bom, unit);
  const resolved = transform.engine === 'ts-morph' ? resolveOptions(transform.name, transform.options, options) : options;
  const out = await executeTransforms([{ transform, options: resolved as Record<string, unknown> }], [file], [unit], {
    parser: settings.parser,
  });
  const result = toFileResult(file);
  return {
    status: result.status,
    output: (result.bom ? '\uFEFF' : '') + result.after,
    warnings: result.warnings,
    reason: result.reason,
    error: result.error,
    projectEdits: out.projectEdits.map(({ path: p, newText }) => ({ path: p, newText })),
    notes: out.notes.map((n) => n.message),
  };
}

function resolveInputPath(path: string, inMemory: boolean): string {
  if (isAbsolute(path)) return path;
  return inMemory ? `/${path}` : resolve(path);
}

// ---------------------------------------------------------------------------------------------------------------
// Fixture folders.

const INPUT = /^(.+)\.input\.([cm]?[jt]sx?)$/;

export interface FixtureCase {
  name: string;
  inputPath: string;
  outputPath?: string;
  optionsPath?: string;
  warningsPath?: string;
}

export interface FixtureFolder {
  dir: string;
  cases: FixtureCase[];
  /** Files that belong to no case: each one fails the suite. */
  stray: string[];
  /** Folder-wide options (options.json) and compiler options (tsconfig.json). */
  options: Record<string, unknown>;
  compilerOptions: ts.CompilerOptions;
}

export interface DescribeFixturesSettings {
  /**
   * Only the case `<prefix>.input.*` (jscodeshift's layout: `__testfixtures__/<name>.input.js` next to the
   * transform), and only it counts. Like jscodeshift's `testFilePrefix`, it may name a subfolder:
   * `class/class-anonymous` is `__testfixtures__/class/class-anonymous.input.js`.
   */
  prefix?: string;
  /** `--parser` for jscodeshift transforms. */
  parser?: string;
  /** Options for the transform, under the case's own `<case>.options.json` (jscodeshift's `defineTest` options). */
  options?: Record<string, unknown>;
  /**
   * `exact` (the default): exact text, a second run that changes nothing, declared warnings only.
   * `jscodeshift`: what jscodeshift's `defineTest` checks, for tests moved over unchanged: the texts compared
   * after trimming, an empty output file meaning "the transform returns nothing" (the file is skipped), no
   * second run; warnings must still be declared.
   */
  compare?: 'exact' | 'jscodeshift';
}

/** Reads a fixture folder: its cases, its stray files and its folder-wide settings. */
export function readFixtureFolder(dirOrUrl: string | URL, settings: DescribeFixturesSettings = {}): FixtureFolder {
  let dir = typeof dirOrUrl === 'string' ? resolve(dirOrUrl) : fileURLToPath(dirOrUrl);
  if (settings.prefix?.includes('/')) {
    dir = join(dir, dirname(settings.prefix));
    settings = { ...settings, prefix: basename(settings.prefix) };
  }
  const entries = readdirSync(dir).sort();
  const fileSet = new Set(entries.filter((e) => statSync(join(dir, e)).isFile()));
  const claimed = new Set<string>(['options.json', 'tsconfig.json', 'README.md']);
  const cases: FixtureCase[] = [];
  for (const entry of fileSet) {
    const m = INPUT.exec(entry);
    if (!m) continue;
    const [, name, ext] = m as unknown as [string, string, string];
    if (settings.prefix !== undefined && name !== settings.prefix) continue;
    claimed.add(entry);
    const c: FixtureCase = { name, inputPath: join(dir, entry) };
    for (const [key, file] of [
      ['outputPath', `${name}.output.${ext}`],
      ['optionsPath', `${name}.options.json`],
      ['warningsPath', `${name}.warnings.txt`],
    ] as const) {
      if (fileSet.has(file)) {
        c[key] = join(dir, file);
        claimed.add(file);
      }
    }
    cases.push(c);
  }
  const stray =
    settings.prefix !== undefined ? [] : [...fileSet].filter((f) => !claimed.has(f)).map((f) => join(dir, f));
  const options = fileSet.has('options.json') && settings.prefix === undefined ? readJson(join(dir, 'options.json')) : {};
  let compilerOptions = FIXTURE_COMPILER_OPTIONS;
  if (fileSet.has('tsconfig.json')) {
    const tsconfigPath = join(dir, 'tsconfig.json');
    const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
    if (read.error) throw new Error(`${tsconfigPath}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, tsconfigPath);
    compilerOptions = parsed.options;
  }
  return { dir, cases, stray, options, compilerOptions };
}

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

/** Formats warnings the way `<case>.warnings.txt` lists them: `<line>:<col> <message>`, one per line. */
export function formatFixtureWarnings(warnings: readonly Warning[]): string[] {
  return warnings.map((w) => `${w.line}:${w.column} ${w.message}`);
}

/** Result of checking one case, for people who drive the harness without vitest's describe. */
export interface CaseCheck {
  output: ApplyOutput;
  expectedOutput: string;
  expectedWarnings: string[];
  secondRun: ApplyOutput;
}

/** Runs one fixture case and its second run; the caller asserts. */
export async function runFixtureCase(transform: Transform, folder: FixtureFolder, c: FixtureCase, settings: DescribeFixturesSettings = {}): Promise<CaseCheck> {
  const source = readFileSync(c.inputPath, 'utf8');
  const options = { ...folder.options, ...settings.options, ...(c.optionsPath ? readJson(c.optionsPath) : {}) };
  const applySettings: ApplySettings = { compilerOptions: folder.compilerOptions, parser: settings.parser, inMemory: false };
  const output = await applyTransform(transform, { path: c.inputPath, source }, options, applySettings);
  const expectedOutput = c.outputPath ? readFileSync(c.outputPath, 'utf8') : source;
  const expectedWarnings = c.warningsPath
    ? readFileSync(c.warningsPath, 'utf8').split(/\r?\n/).filter((line) => line.length > 0)
    : [];
  const secondRun = await applyTransform(transform, { path: c.inputPath, source: output.output }, options, applySettings);
  return { output, expectedOutput, expectedWarnings, secondRun };
}

/**
 * Registers one vitest test per fixture case in `dir` (`__testfixtures__/<transform>/` by convention),
 * plus a test that fails on stray files and on an empty folder.
 */
export function describeFixtures(transform: Transform, dirOrUrl: string | URL, settings: DescribeFixturesSettings = {}): void {
  const folder = readFixtureFolder(dirOrUrl, settings);
  describe(`fixtures of ${transform.name} (${basename(folder.dir)}${settings.prefix ? `/${settings.prefix}` : ''})`, () => {
    it('has cases and no stray files', () => {
      expect(folder.cases.length, `no <case>.input.* files in ${folder.dir}`).toBeGreaterThan(0);
      expect(folder.stray, 'files that belong to no case (name them <case>.input|output|options|warnings)').toEqual([]);
    });
    for (const c of folder.cases) {
      it(c.name, () => checkFixtureCase(transform, folder, c, settings));
    }
  });
}

/** Runs one fixture case and asserts everything the harness proves (vitest's expect). */
export async function checkFixtureCase(transform: Transform, folder: FixtureFolder, c: FixtureCase, settings: DescribeFixturesSettings = {}): Promise<void> {
  const unchangedCase = c.name.startsWith('unchanged-') || settings.prefix !== undefined && !c.outputPath;
  if (c.outputPath && c.name.startsWith('unchanged-')) {
    throw new Error(`${c.name}: a case named unchanged-* must not have an output file`);
  }
  if (!c.outputPath && !unchangedCase) {
    throw new Error(`${c.name}: no ${c.name}.output.* file; a case without output must be named unchanged-*`);
  }
  const check = await runFixtureCase(transform, folder, c, settings);
  expect(check.output.error, 'the transform failed').toBeUndefined();
  if (settings.compare === 'jscodeshift') {
    // jscodeshift's applyTransform: (output || '').trim() against expected.trim().
    const returned = check.output.status === 'skipped' ? '' : check.output.output;
    expect(returned.trim()).toBe(check.expectedOutput.trim());
    expect(formatFixtureWarnings(check.output.warnings)).toEqual(check.expectedWarnings);
    return;
  }
  expect(check.output.output).toBe(check.expectedOutput);
  expect(formatFixtureWarnings(check.output.warnings)).toEqual(check.expectedWarnings);
  expect(check.secondRun.error, 'the second run failed').toBeUndefined();
  expect(check.secondRun.output, 'a second run must change nothing').toBe(check.output.output);
  if (transform.engine === 'ts-morph' || /\.[cm]?tsx?$/.test(c.inputPath)) {
    expect(getTextSyntaxError(join('/', basename(c.inputPath)), check.output.output), 'the output must parse').toBeUndefined();
  }
}

/** The conventional fixture folder of a built-in transform. */
export function fixtureDir(root: string, transformName: string): string {
  const dir = join(root, '__testfixtures__', transformName);
  if (!existsSync(dir)) throw new Error(`no fixture folder ${dir}`);
  return dir;
}


// ---------------------------------------------------------------------------------------------------------------
// jscodeshift's layout: `__testfixtures__/<prefix>.input.js` and `.output.js` next to the transform module.

/** jscodeshift's `defineTest` options argument: `{ parser }` picks the parser, as in jscodeshift. */
export interface DefineTestOptions {
  parser?: string;
}

/**
 * jscodeshift's `defineTest(dirName, transformName, options, testFilePrefix, testOptions)`, with the same
 * arguments and the same layout, so that jscodeshift tests move over by changing only the import:
 * the transform is `<dirName>/../<transformName>` and its case `<dirName>/../__testfixtures__/<testFilePrefix
 * or transformName>.input.*` with `.output.*`. The case runs through codemigrate's engine (the CLI's code
 * path) and is checked as jscodeshift checks it (`compare: 'jscodeshift'`: trimmed texts, an empty output
 * file for "returns nothing"), plus no undeclared `api.report` warnings. For the stricter checks (exact
 * text, a second run that changes nothing), use `describeFixtures(transform, dir, { prefix })`.
 */
export function defineTest(
  dirName: string,
  transformName: string,
  options?: Record<string, unknown> | null,
  testFilePrefix?: string,
  testOptions?: DefineTestOptions,
): void {
  const prefix = testFilePrefix || transformName;
  describe(transformName, () => {
    it(testFilePrefix ? `transforms correctly using "${testFilePrefix}" data` : 'transforms correctly', async () => {
      const transform = await loadTransformFile(join(dirName, '..', transformName));
      const settings: DescribeFixturesSettings = { prefix, options: options ?? {}, parser: testOptions?.parser, compare: 'jscodeshift' };
      const folder = readFixtureFolder(join(dirName, '..', '__testfixtures__'), settings);
      expect(folder.cases.map((c) => c.name), `no ${prefix}.input.* in ${folder.dir}`).toHaveLength(1);
      await checkFixtureCase(transform, folder, folder.cases[0]!, settings);
    });
  });
}

/**
 * Loads a transform file the way `migrate run -t <file>` does: a jscodeshift transform (CommonJS or ESM,
 * .js/.cjs/.mjs/.ts, with its `parser` export) or a `defineTransform` module. Extensions may be left out.
 */
export async function loadTransformFile(pathOrUrl: string | URL): Promise<Transform> {
  const path = typeof pathOrUrl === 'string' ? resolve(pathOrUrl) : fileURLToPath(pathOrUrl);
  return loadTransform(path, dirname(path));
}
