/**
 * A small local driver for use-async-local-storage tests: runs the transform on one in-memory file of a
 * ts-morph project that sees the repository's @types/node (the transform needs `node:async_hooks` to resolve).
 * Used until/unless the shared harness (src/testing) provides @types/node in its in-memory project.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Node, Project, ts, type SourceFile } from 'ts-morph';
import transform from '../../../transforms/use-async-local-storage/index.js';
import type { ProjectInfo, TransformContext, Warning } from '../../../src/transform-api/types.js';

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

export function makeProject(options: DriverOptions = {}): Project {
  const compilerOptions: ts.CompilerOptions = {
    ...baseCompilerOptions,
    ...(options.noNodeTypes ? { types: [] } : { types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules/@types')] }),
    ...options.compilerOptions,
  };
  return new Project({ compilerOptions, skipAddingFilesFromTsConfig: true });
}

function lineCol(file: SourceFile, pos: number): { line: number; column: number } {
  const lc = file.getLineAndColumnAtPos(pos);
  return { line: lc.line, column: lc.column };
}

export function runTransform(source: string, options: DriverOptions = {}, filePath = '/virtual/als/mod.ts'): DriverResult {
  const project = makeProject(options);
  for (const [p, text] of Object.entries(options.files ?? {})) project.createSourceFile(p, text, { overwrite: true });
  const file = project.createSourceFile(filePath, source, { overwrite: true });
  const warnings: Warning[] = [];
  const ctx: TransformContext<Record<string, never>> = {
    transform: transform.name,
    options: {},
    path: filePath,
    eol: source.includes('\r\n') ? '\r\n' : '\n',
    project,
    compilerOptions: project.getCompilerOptions(),
    projectInfo: (options.packageJson ? { packageJson: { path: '/virtual/package.json', text: JSON.stringify(options.packageJson), data: options.packageJson } } : {}) as ProjectInfo,
    getTypeChecker: () => project.getTypeChecker(),
    warn(at, message) {
      const pos = typeof at === 'number' ? at : (at as Node).getStart();
      warnings.push({ path: filePath, ...lineCol(file, pos), transform: transform.name, message });
    },
    skip() {},
  };
  const matches = transform.collect(file, ctx);
  if (matches === undefined || matches === null) return { output: source, changed: false, warnings };
  const edits = transform.apply(file, matches, ctx);
  let output: string;
  if (typeof edits === 'string') output = edits;
  else {
    output = file.getFullText();
    for (const e of [...edits].sort((a, b) => b.start - a.start)) output = output.slice(0, e.start) + e.text + output.slice(e.end);
  }
  return { output, changed: output !== source, warnings };
}

export function formatWarnings(warnings: Warning[]): string {
  return warnings.map((w) => `${w.line}:${w.column} ${w.message}`).join('\n');
}
