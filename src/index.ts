/**
 * The public Node API of codemigrate: `migrate(options)` runs transforms and returns the report data
 * (the same document as `--json`) and prints nothing; `defineTransform` and `option` declare transforms.
 */
import { resolve } from 'node:path';
import { run, type RunOptions } from './pipeline/run.js';
import type { RunSummary, Transform } from './transform-api/types.js';

export { defineTransform, option } from './transform-api/define-transform.js';
export { UsageError } from './project/errors.js';
export { ExitCode, exitCodeFor } from './cli/exit-codes.js';
export type * from './transform-api/types.js';

export interface MigrateOptions {
  /** Built-in transform names, transform files or modules, or transform objects, run in order. */
  transforms: ReadonlyArray<string | Transform>;
  paths?: readonly string[];
  /** Default: process.cwd(). */
  cwd?: string;
  /** Apply the changes (default false: preview). */
  write?: boolean;
  /** Report as --check does (exitCodeFor(summary) gives 1 when files would change). */
  check?: boolean;
  /** Options for the transforms, as `--key=value` flags would give them. */
  options?: Record<string, unknown>;
  project?: string;
  gitignore?: boolean;
  ignorePatterns?: readonly string[];
  extensions?: readonly string[];
  parser?: string;
  allowDirty?: boolean;
  /** Type-check before and after and revert files whose edits add errors; default: on with write/check when a tsconfig is loaded. */
  verify?: boolean;
  patchFile?: string;
}

/**
 * Runs transforms over a project and returns the report. Prints nothing. Usage and configuration
 * errors reject with a UsageError (nothing written); per-file failures are `failed` entries.
 */
export async function migrate(options: MigrateOptions): Promise<RunSummary> {
  const runOptions: RunOptions = {
    cwd: resolve(options.cwd ?? process.cwd()),
    transforms: options.transforms,
    paths: options.paths,
    options: options.options,
    project: options.project,
    gitignore: options.gitignore,
    ignorePatterns: options.ignorePatterns,
    extensions: options.extensions,
    parser: options.parser,
    mode: options.write ? 'write' : options.check ? 'check' : 'preview',
    write: options.write,
    allowDirty: options.allowDirty,
    verify: options.verify,
    patchFile: options.patchFile,
  };
  return (await run(runOptions)).summary;
}
