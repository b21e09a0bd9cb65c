/**
 * The project loader: tsconfig(s) → project units; paths, globs and .gitignore → the files to edit,
 * read from disk with their BOM noted. The only module besides load-tsconfig/select-files that reads
 * source files.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stripBom } from '../engines/text-edits.js';
import { createWorkFile, failWorkFile, type ProjectUnit, type WorkFile } from '../engines/work-file.js';
import { findUp, loadTsconfigs } from './load-tsconfig.js';
import { DEFAULT_EXTENSIONS, selectFiles } from './select-files.js';

export interface LoadProjectOptions {
  cwd: string;
  paths: readonly string[];
  project?: string;
  gitignore?: boolean;
  ignorePatterns?: readonly string[];
  extensions?: readonly string[];
}

export interface LoadedProject {
  units: ProjectUnit[];
  tsconfigs: string[];
  /** The files to run the transforms on. */
  files: WorkFile[];
  /** Files named explicitly that must not be edited (or cannot be), with the reason: reported as skipped. */
  excluded: Array<{ path: string; reason: string }>;
  /** Set when no tsconfig was found. */
  note?: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Loads the project and reads the selected files. Throws UsageError for bad paths or configs. */
export async function loadProject(options: LoadProjectOptions): Promise<LoadedProject> {
  const cwd = resolve(options.cwd);
  const paths = options.paths.length ? options.paths : ['.'];
  const selected = await selectFiles({
    cwd,
    paths,
    gitignore: options.gitignore ?? true,
    ignorePatterns: options.ignorePatterns ?? [],
    extensions: options.extensions ?? DEFAULT_EXTENSIONS,
  });
  const configs = loadTsconfigs(searchBases(cwd, paths), options.project, cwd);
  const fallback = configs.units[0]!;
  // A file no tsconfig includes: the defaults when no tsconfig.json is above it, else the first project.
  const underTsconfig = new Map<string, boolean>();
  const hasTsconfigAbove = (dir: string): boolean => {
    let known = underTsconfig.get(dir);
    if (known === undefined) underTsconfig.set(dir, (known = findUp(dir, 'tsconfig.json') !== undefined));
    return known;
  };
  const unitOf = (path: string): ProjectUnit =>
    configs.units.find((u) => u.fileNames.has(path)) ??
    (configs.defaultUnit && !options.project && !hasTsconfigAbove(dirname(path)) ? configs.defaultUnit : fallback);

  const files: WorkFile[] = [];
  const excluded: LoadedProject['excluded'] = [];
  for (const { path, skipReason } of selected) {
    if (skipReason) {
      excluded.push({ path, reason: skipReason });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      const file = createWorkFile(path, '', false, unitOf(path));
      failWorkFile(file, { message: `cannot read: ${(error as Error).message}` });
      files.push(file);
      continue;
    }
    if (bytes.includes(0)) {
      excluded.push({ path, reason: 'binary file (contains NUL bytes)' });
      continue;
    }
    let raw: string;
    try {
      raw = UTF8.decode(bytes);
    } catch {
      // Decoding would replace the invalid bytes with U+FFFD, and writing would lose them.
      excluded.push({ path, reason: 'not valid UTF-8: codemigrate edits UTF-8 files only' });
      continue;
    }
    const { text, bom } = stripBom(raw);
    files.push(createWorkFile(path, text, bom, unitOf(path)));
  }
  return { units: configs.units, tsconfigs: configs.tsconfigs, files, excluded, note: configs.note };
}

/** The directories from which to look for tsconfig.json: each path's directory (a glob's static part). */
function searchBases(cwd: string, paths: readonly string[]): string[] {
  return paths.map((p) => {
    const staticPart = p.split(/[*?[{]/)[0] ?? '';
    const absolute = resolve(cwd, staticPart || '.');
    try {
      return statSync(absolute).isDirectory() ? absolute : dirname(absolute);
    } catch {
      return dirname(absolute);
    }
  });
}
