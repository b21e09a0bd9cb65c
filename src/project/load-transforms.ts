/**
 * Resolves `-t` arguments to transforms: a built-in name, a transform file (codemigrate's
 * `defineTransform` or a jscodeshift function; CommonJS or ESM; .js, .cjs, .mjs or .ts), or a module
 * path resolved from the project's node_modules (`react-codemod/transforms/class`). Reads the disk
 * (it imports modules); an unusable transform is a usage error, exit 2.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JscodeshiftFunction, Transform } from '../transform-api/types.js';
import { closestMatch, UsageError } from './errors.js';

// Imported on demand: a worker thread that only loads a jscodeshift module by path must not pay for
// ts-morph and the built-in transforms.
async function getBuiltinTransforms(): Promise<readonly Transform[]> {
  return (await import('../../transforms/index.js')).builtinTransforms;
}

/** The built-in transform with this name, if any. */
export async function getBuiltinTransform(name: string): Promise<Transform | undefined> {
  return (await getBuiltinTransforms()).find((t) => t.name === name);
}

/** Resolves one `-t` argument. */
export async function loadTransform(spec: string, cwd: string): Promise<Transform> {
  const builtinTransforms = await getBuiltinTransforms();
  const builtin = builtinTransforms.find((t) => t.name === spec);
  if (builtin) return builtin;
  const path = resolveTransformPath(spec, cwd);
  if (!path) {
    const names = builtinTransforms.map((t) => t.name);
    const suggestion = closestMatch(spec, names);
    const looksLikePath = /[/\\]|\.[cm]?[jt]s$/.test(spec);
    throw new UsageError(
      looksLikePath ? `transform file not found: ${spec}` : `unknown transform: ${spec}`,
      suggestion
        ? `did you mean ${suggestion}? (migrate list shows every built-in transform)`
        : looksLikePath
          ? `check the path (relative to ${cwd}), or give a module installed in node_modules`
          : `migrate list shows the built-in transforms; a transform file is given by its path, e.g. -t ./my-transform.js`,
    );
  }
  return importTransformModule(path, spec);
}

function resolveTransformPath(spec: string, cwd: string): string | undefined {
  const direct = resolve(cwd, spec);
  const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();
  for (const candidate of [direct, ...['.ts', '.js', '.mjs', '.cjs'].map((ext) => direct + ext)]) {
    if (isFile(candidate)) return candidate;
  }
  // A folder, as jscodeshift's require() takes it: its package.json "main", else index.*.
  if (existsSync(direct) && statSync(direct).isDirectory()) {
    try {
      return createRequire(join(direct, 'package.json')).resolve(direct);
    } catch {
      const index = ['index.ts', 'index.js', 'index.mjs', 'index.cjs'].map((f) => join(direct, f)).find(isFile);
      if (index) return index;
    }
  }
  if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
  try {
    return createRequire(join(cwd, 'package.json')).resolve(spec);
  } catch {
    return undefined;
  }
}

/** Whether Node treats a .js file as CommonJS (nearest package.json has no "type": "module"). */
function isCommonJs(path: string): boolean {
  const ext = extname(path);
  if (ext === '.cjs' || ext === '.cts') return true;
  if (ext === '.mjs' || ext === '.mts') return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type !== 'module';
      } catch {
        return true;
      }
    }
    if (dirname(dir) === dir) return true;
  }
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  const typescript = /^\.[cm]?tsx?$/.test(extname(path));
  // Stack positions of a failing .ts transform should point into its source, not into tsx's output.
  if (typescript) process.setSourceMapsEnabled(true);
  if (isCommonJs(path)) {
    let required: unknown;
    let compile = typescript;
    if (!typescript) {
      try {
        required = createRequire(path)(path) as unknown;
      } catch (error) {
        // Top-level `require` in a file Node took for an ES module.
        if (!(error instanceof ReferenceError && /in ES module scope/.test(error.message))) throw error;
        compile = true;
      }
    }
    // A .ts file, or a .js file with import/export in a CommonJS package (which Node loads as an ES module,
    // where `require` is not defined): compiled to CommonJS, as jscodeshift compiles transforms with Babel
    // (react-codemod's manual-bind-to-arrow mixes `export default` and `require`).
    if (compile || isModuleNamespace(required)) {
      const { require: tsxRequire } = await import('tsx/cjs/api');
      required = tsxRequire(path, import.meta.url) as unknown;
    }
    return typeof required === 'function' || typeof required !== 'object' || required === null
      ? { default: required }
      : { default: required, ...(required as Record<string, unknown>) };
  }
  if (typescript) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}

/** Loads a transform module and works out which kind of transform it is. */
export async function importTransformModule(path: string, spec = path): Promise<Transform> {
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(path);
  } catch (error) {
    throw new UsageError(`cannot load transform ${spec}: ${(error as Error).message}`, 'fix the error in the transform module, then run again');
  }
  // Unwrap: ESM `export default`, CJS `module.exports = fn`, `module.exports.default = fn`, tsx's double default.
  let candidate: unknown = mod.default ?? mod;
  for (let i = 0; i < 3 && candidate && typeof candidate === 'object' && 'default' in candidate && !isCodemigrateTransform(candidate); i++) {
    candidate = (candidate as { default: unknown }).default;
  }
  if (isCodemigrateTransform(candidate)) return candidate;
  if (typeof candidate !== 'function') {
    throw new UsageError(
      `${spec} exports no transform function`,
      'export a jscodeshift transform (module.exports = function (file, api, options) {…} or export default function) or export default defineTransform({…})',
    );
  }
  const parser = (mod.parser ?? (mod.default as { parser?: unknown } | undefined)?.parser) as string | object | undefined;
  const name = basename(path).replace(/\.[cm]?[jt]sx?$/, '');
  return {
    engine: 'jscodeshift',
    name: name === 'index' ? basename(dirname(path)) : name,
    summary: `jscodeshift transform ${spec}`,
    fn: candidate as JscodeshiftFunction,
    parser,
    modulePath: path,
  };
}

function isModuleNamespace(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module';
}

function isCodemigrateTransform(value: unknown): value is Transform {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { engine?: unknown }).engine === 'ts-morph' &&
    typeof (value as { collect?: unknown }).collect === 'function'
  );
}
