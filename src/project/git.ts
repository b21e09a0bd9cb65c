/**
 * What git knows about the files a run would write: whether they sit in a work tree, and which have
 * uncommitted or untracked changes (so --write never overwrites work that has no restore point).
 * Reads only (runs `git rev-parse` and `git status`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The work tree's root for `dir`, or undefined outside git (or without git installed). */
export function gitRoot(dir: string): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
    return resolve(out.trim());
  } catch {
    return undefined;
  }
}

/**
 * Groups files (absolute) by the work tree they are in; `undefined` holds the files outside git. A
 * symlink counts as its target, which is what the writer writes.
 */
export function groupByGitRoot(files: readonly string[]): Map<string | undefined, string[]> {
  const rootOf = new Map<string, string | undefined>();
  const groups = new Map<string | undefined, string[]>();
  for (const given of files) {
    let file = given;
    try {
      file = realpathSync(given);
    } catch {
      // Not on disk (any more): git decides by the given path.
    }
    // Ask git once per work tree, not once per directory: the nearest directory holding a .git stands for it.
    let dir = dirname(file);
    while (!existsSync(join(dir, '.git')) && dirname(dir) !== dir) dir = dirname(dir);
    if (!existsSync(join(dir, '.git'))) dir = dirname(file);
    if (!rootOf.has(dir)) rootOf.set(dir, gitRoot(dir));
    const root = rootOf.get(dir);
    const group = groups.get(root);
    if (group) group.push(file);
    else groups.set(root, [file]);
  }
  return groups;
}

/**
 * Of `files` (absolute, inside `root`), those with staged, unstaged or untracked changes. An untracked
 * file that .gitignore hides counts too (`--ignored`): git has no copy of it either.
 */
export function dirtyFiles(root: string, files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const dirty = new Set<string>();
  const chunk = 500;
  for (let i = 0; i < files.length; i += chunk) {
    const slice = files.slice(i, i + chunk).map((f) => relative(root, f).split(sep).join('/'));
    const out = execFileSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored', '--', ...slice], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const records = out.split('\0');
    for (let r = 0; r < records.length; r++) {
      const record = records[r]!;
      if (record.length < 4) continue;
      const status = record.slice(0, 2);
      dirty.add(resolve(root, record.slice(3)));
      if (status.startsWith('R') || status.startsWith('C')) r++; // the next record is the source path
    }
  }
  return files.filter((f) => dirty.has(resolve(f)));
}

