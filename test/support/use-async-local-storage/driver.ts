/**
 * A small local driver for use-async-local-storage tests: runs the transform on one in-memory file of a
 * ts-morph project that sees the repository's @types/node (the transform needs `node:async_hooks` to resolve).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Project, ts } from 'ts-morph';
import transform from '../../../transforms/use-async-local-storage/index.js';
import { applyTransform } from '../../../src/testing/index.js';
import type { Warning } from '../../../src/transform-api/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface DriverResult {
  output: string;
  changed: boolean;
  warnings: Warning[];
}

export interface DriverOptions {
  /** Leave out @types/node (to test the refusal). */
  noNodeTypes?: boolean;
  compilerOptions?: ts.CompilerOptions;
  packageJson?: Record<string, unknown>;
  files?: Record<string, string>;
}

export const baseCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  strict: true,
  declaration: true,
  skipLibCheck: true,
};

function compilerOptionsFor(options: DriverOptions): ts.CompilerOptions {
  return {
    ...baseCompilerOptions,
    ...(options.noNodeTypes ? { types: [] } : { types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules/@types')] }),
    ...options.compilerOptions,
  };
}

export function makeProject(options: DriverOptions = {}): Project {
  return new Project({ compilerOptions: compilerOptionsFor(options), skipAddingFilesFromTsConfig: true });
}

/**
 * Runs the transform on one module through the shared engine (the fixture harness's applyTransform), in a
 * project that sees the repository's @types/node.
 */
export async function runTransform(source: string, options: DriverOptions = {}, filePath = '/virtual/als/mod.ts'): Promise<DriverResult> {
  const out = await applyTransform(transform, { path: filePath, source, ...(options.files ? { files: options.files } : {}) }, {}, {
    compilerOptions: compilerOptionsFor(options),
    inMemory: false,
    projectInfo: options.packageJson
      ? { packageJson: { path: '/virtual/package.json', text: JSON.stringify(options.packageJson), data: options.packageJson } }
      : {},
  });
  if (out.error) throw new Error(`use-async-local-storage failed on ${filePath}: ${out.error.message}`);
  return { output: out.output, changed: out.status === 'changed', warnings: out.warnings };
}

export function formatWarnings(warnings: Warning[]): string {
  return warnings.map((w) => `${w.line}:${w.column} ${w.message}`).join('\n');
}
