/**
 * File selection: paths, directories and globs → the files to edit. `.gitignore` files are respected
 * (nested ones too, from the repository root down) unless turned off; `node_modules`, `.git` and
 * declaration files are never edited. Reads the disk (directory listings and .gitignore files only).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './errors.js';

export const DEFAULT_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];

export interface SelectOptions {
  cwd: string;
  paths: readonly string[];
  gitignore: boolean;
  ignorePatterns: readonly string[];
  extensions: readonly string[];
}

export interface SelectedFile {
  path: string;
  /** Set when a file was named explicitly but must not be edited: it is reported as skipped. */
  skipReason?: string;
}

const NEVER_DIRS = new Set(['node_modules', '.git']);
const DECLARATION = /\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/i;

/** Selects the files to run on, sorted by path, each once. */
export async function selectFiles(options: SelectOptions): Promise<SelectedFile[]> {
  const cwd = resolve(options.cwd);
  const extensions = new Set(options.extensions.map((e) => e.replace(/^\./, '').toLowerCase()));
  const userIgnore = ignore().add([...options.ignorePatterns]);
  const gitignores = new GitignoreStack(findIgnoreRoot(cwd));
  const selected = new Map<string, SelectedFile>();

  const excludedReason = (file: string, explicit: boolean): string | undefined => {
    const parts = relative(cwd, file).split(sep);
    if (file.split(sep).includes('node_modules')) return 'files in node_modules are never edited';
    if (DECLARATION.test(file)) return 'declaration files (.d.ts) are never edited';
    const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    if (!extensions.has(ext)) return explicit ? `.${ext} is not in --extensions (${[...extensions].join(',')})` : 'extension';
    const rel = parts.join('/');
    if (!rel.startsWith('..') && rel && userIgnore.ignores(rel)) return 'matches an --ignore-pattern';
    if (options.gitignore && gitignores.ignores(file, false)) return 'ignored by .gitignore (pass --no-gitignore to include it)';
    return undefined;
  };

  const add = (file: string, explicit: boolean): void => {
    if (selected.has(file)) return;
    const reason = excludedReason(file, explicit);
    if (!reason) selected.set(file, { path: file });
    else if (explicit) selected.set(file, { path: file, skipReason: reason });
  };

  const paths = options.paths.length ? options.paths : ['.'];
  for (const input of paths) {
    const absolute = resolve(cwd, input);
    if (existsSync(absolute)) {
      const stat = statSync(absolute);
      if (stat.isDirectory()) {
        for (const file of walk(absolute, options.gitignore ? gitignores : undefined, cwd, userIgnore)) add(file, false);
      } else {
        add(absolute, true);
      }
      continue;
    }
    if (isDynamicPattern(input)) {
      const matches = await glob(input, { cwd, absolute: true, dot: false, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (matches.length === 0) {
        throw new UsageError(`no files match ${input}`, 'check the pattern; quote globs so that the shell does not expand them');
      }
      for (const match of matches.map((m) => resolve(m)).sort()) add(match, false);
      continue;
    }
    throw new UsageError(`path not found: ${input}`, `check the path (relative to ${cwd}); run with no paths to use the current directory`);
  }
  return [...selected.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function* walk(dir: string, gitignores: GitignoreStack | undefined, cwd: string, userIgnore: Ignore): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (NEVER_DIRS.has(entry.name)) continue;
      if (gitignores?.ignores(full, true)) continue;
      const rel = relative(cwd, full).split(sep).join('/');
      if (rel && !rel.startsWith('..') && userIgnore.ignores(`${rel}/`)) continue;
      yield* walk(full, gitignores, cwd, userIgnore);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

/** The directory from which .gitignore files apply: the git work tree's root, else the cwd. */
function findIgnoreRoot(cwd: string): string {
  for (let current = cwd; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return cwd;
  }
}

/** The .gitignore rules of every directory from the root down, read once per directory. */
class GitignoreStack {
  private readonly cache = new Map<string, Ignore | null>();
  constructor(private readonly root: string) {}

  private rulesOf(dir: string): Ignore | null {
    let rules = this.cache.get(dir);
    if (rules === undefined) {
      const file = join(dir, '.gitignore');
      rules = null;
      if (existsSync(file)) {
        try {
          rules = ignore().add(readFileSync(file, 'utf8'));
        } catch {
          rules = null;
        }
      }
      this.cache.set(dir, rules);
    }
    return rules;
  }

  /**
   * Whether the path is ignored, as git decides: it is ignored when it or one of its parent directories
   * is; for each of those, the deepest .gitignore with a matching rule decides, so a nested `!pattern`
   * re-includes what a .gitignore above it excluded.
   */
  ignores(path: string, isDirectory: boolean): boolean {
    const rel = relative(this.root, path);
    if (rel.startsWith('..') || rel === '') return false;
    const parts = rel.split(sep);
    for (let depth = 1; depth <= parts.length; depth++) {
      const targetIsDir = depth < parts.length || isDirectory;
      for (let level = depth - 1; level >= 0; level--) {
        const rules = this.rulesOf(join(this.root, ...parts.slice(0, level)));
        if (!rules) continue;
        const verdict = rules.test(parts.slice(level, depth).join('/') + (targetIsDir ? '/' : ''));
        if (verdict.ignored) return true;
        if (verdict.unignored) break;
      }
    }
    return false;
  }
}
