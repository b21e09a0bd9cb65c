/**
 * tsconfig discovery and parsing: the nearest `tsconfig.json` at or above the paths, or `--project`;
 * a solution config (`files: []` with `references`) loads each referenced project. Reads the disk;
 * creates no ts-morph Project (that waits until a transform needs one).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ts } from '../ts-morph.cjs';
import type { ProjectUnit } from '../engines/work-file.js';
import type { ProjectInfo } from '../transform-api/types.js';
import { UsageError } from './errors.js';
import { createProjectUnit } from './project-unit.js';

/** Compiler options used when no tsconfig is found: modern, JS allowed, JSX preserved. */
export const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowJs: true,
  jsx: ts.JsxEmit.Preserve,
  strict: true,
  skipLibCheck: true,
};

export interface LoadedConfigs {
  /** One unit per loaded tsconfig (a solution's references each get one), or one with defaults. */
  units: ProjectUnit[];
  /** Absolute paths of the tsconfigs loaded. */
  tsconfigs: string[];
  /** Set when no tsconfig was found (for some of the paths), saying that defaults were used. */
  note?: string;
  /** The unit with default options, for the files of paths that have no tsconfig above them. */
  defaultUnit?: ProjectUnit;
}

/** Walks up from `dir` to the file system root looking for `name`. */
export function findUp(dir: string, name: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const candidate = join(current, name);
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Loads the project's compiler options. `explicit` is `--project`; otherwise, for each directory of
 * `searchFrom` (one per path), the nearest tsconfig.json at or above it.
 */
export function loadTsconfigs(searchFrom: readonly string[], explicit: string | undefined, cwd: string): LoadedConfigs {
  let roots: string[];
  if (explicit) {
    let root = resolve(cwd, explicit);
    if (existsSync(root) && statSync(root).isDirectory()) root = join(root, 'tsconfig.json');
    if (!existsSync(root)) {
      throw new UsageError(`--project ${explicit}: no such file`, 'give the path of a tsconfig.json, or leave --project out to use the nearest one');
    }
    roots = [root];
  } else {
    roots = [...new Set(searchFrom.map((dir) => findUp(dir, 'tsconfig.json')).filter((p): p is string => p !== undefined))];
  }
  const withoutTsconfig = explicit ? undefined : searchFrom.find((dir) => !findUp(dir, 'tsconfig.json'));
  const defaults = (): ProjectUnit =>
    createProjectUnit({ packageJson: readPackageJson(withoutTsconfig ?? searchFrom[0] ?? cwd) }, DEFAULT_COMPILER_OPTIONS);
  if (roots.length === 0) {
    const only = defaults();
    return {
      units: [only],
      tsconfigs: [],
      note: 'no tsconfig.json found at or above the paths: using default compiler options (ES2022, NodeNext, allowJs, jsx: preserve)',
      defaultUnit: only,
    };
  }

  const loaded: LoadedConfigs = { units: [], tsconfigs: [] };
  const seen = new Set<string>();
  const visit = (configPath: string, via?: string): void => {
    if (seen.has(configPath)) return;
    seen.add(configPath);
    const parsed = parseTsconfig(configPath, cwd, via);
    const references = parsed.projectReferences ?? [];
    const isSolution = parsed.fileNames.length === 0 && references.length > 0;
    if (!isSolution) {
      const info: ProjectInfo = {
        tsconfigPath: configPath,
        tsconfigText: readFileSync(configPath, 'utf8'),
        packageJson: readPackageJson(dirname(configPath)),
      };
      loaded.units.push(createProjectUnit(info, parsed.options, { fileNames: new Set(parsed.fileNames.map((f) => resolve(f))) }));
      loaded.tsconfigs.push(configPath);
    }
    for (const reference of references) {
      let refPath = resolve(reference.path);
      if (!refPath.endsWith('.json')) refPath = join(refPath, 'tsconfig.json');
      if (!existsSync(refPath)) {
        throw new UsageError(
          `${relative(cwd, configPath) || configPath} references ${relative(cwd, refPath)}, which does not exist`,
          'fix the "references" entry, or pass --project with the tsconfig you mean',
        );
      }
      visit(refPath, configPath);
    }
  };
  for (const root of roots) visit(root);
  if (loaded.units.length === 0) {
    throw new UsageError(`${relative(cwd, roots[0]!)} includes no files and references no project with files`, 'pass --project with a tsconfig that includes your sources');
  }
  if (withoutTsconfig !== undefined) {
    const extra = defaults();
    loaded.units.push(extra);
    loaded.defaultUnit = extra;
    loaded.note = `no tsconfig.json found at or above ${relative(cwd, withoutTsconfig) || '.'}: its files use default compiler options (ES2022, NodeNext, allowJs, jsx: preserve)`;
  }
  return loaded;
}

function parseTsconfig(configPath: string, cwd: string, via?: string): ts.ParsedCommandLine {
  const shown = relative(cwd, configPath) || configPath;
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) {
    throw new UsageError(
      `cannot read ${shown}${via ? ` (referenced by ${relative(cwd, via)})` : ''}: ${formatDiagnostic(read.error)}`,
      'fix the file (it must be JSON with comments), or pass --project with another tsconfig',
    );
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath), undefined, configPath);
  // TS18003 "No inputs were found" is not an error for us: the paths select the files.
  const errors = parsed.errors.filter((d) => d.code !== 18003);
  if (errors.length) {
    throw new UsageError(
      `invalid ${shown}: ${errors.map(formatDiagnostic).join('; ')}`,
      'fix the tsconfig (tsc -p reports the same error), or pass --project with another one',
    );
  }
  return parsed;
}

function formatDiagnostic(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${text} (${line + 1}:${character + 1})`;
  }
  return text;
}

function readPackageJson(dir: string): ProjectInfo['packageJson'] {
  const path = findUp(dir, 'package.json');
  if (!path) return undefined;
  try {
    const text = readFileSync(path, 'utf8');
    return { path, text, data: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
