/**
 * Shared by the use-import-type bench scripts: fetch a package's published TypeScript sources with
 * `npm pack` into .bench-cache/ (git-ignored), strip every `type` modifier from its imports and exports
 * (remembering where the authors put them), and compile a set of texts to JavaScript file by file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, '.bench-cache');
const LIB_DIR = dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));

/** `npm pack <spec>` into the cache, extracted, with its runtime dependencies installed. Returns the package root. */
export function fetchPackage(spec: string): string {
  mkdirSync(CACHE, { recursive: true });
  const safe = spec.replace(/[^a-zA-Z0-9.@-]/g, '_');
  const dir = join(CACHE, `uit-${safe}`);
  const pkgRoot = join(dir, 'package');
  if (!existsSync(join(pkgRoot, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    const out = execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--json'], { encoding: 'utf8' });
    const file = (JSON.parse(out) as Array<{ filename: string }>)[0]!.filename;
    execFileSync('tar', ['xzf', join(dir, file), '-C', dir]);
  }
  if (!existsSync(join(pkgRoot, 'node_modules'))) {
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--no-package-lock'], { cwd: pkgRoot, stdio: 'ignore' });
  }
  return pkgRoot;
}

export function listTsFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        if (e !== 'node_modules') walk(p);
      } else if (/\.tsx?$/.test(e) && !/\.d\.ts$/.test(e)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** One import binding or export specifier, keyed independently of how it is marked. */
export type MarkKey = string;

function importKeys(file: string, decl: ts.ImportDeclaration): Array<{ key: MarkKey; type: boolean }> {
  const m = (decl.moduleSpecifier as ts.StringLiteral).text;
  const clause = decl.importClause;
  if (!clause) return [];
  const whole = clause.phaseModifier === ts.SyntaxKind.TypeKeyword;
  const out: Array<{ key: MarkKey; type: boolean }> = [];
  if (clause.name) out.push({ key: `${file}|import|${m}|${clause.name.text}`, type: whole });
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) out.push({ key: `${file}|import|${m}|* as ${nb.name.text}`, type: whole });
  if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) out.push({ key: `${file}|import|${m}|${el.name.text}`, type: whole || el.isTypeOnly });
  return out;
}

function exportKeys(file: string, decl: ts.ExportDeclaration): Array<{ key: MarkKey; type: boolean }> {
  const m = decl.moduleSpecifier && ts.isStringLiteral(decl.moduleSpecifier) ? decl.moduleSpecifier.text : '';
  const clause = decl.exportClause;
  if (!clause) return [{ key: `${file}|export*|${m}|*`, type: decl.isTypeOnly }];
  if (ts.isNamespaceExport(clause)) return [{ key: `${file}|export*|${m}|* as ${clause.name.text}`, type: decl.isTypeOnly }];
  return clause.elements.map((el) => ({ key: `${file}|export|${m}|${el.name.text}`, type: decl.isTypeOnly || el.isTypeOnly }));
}

/** Every import binding / export specifier of a file with whether it is type-only. */
export function readMarks(file: string, text: string): Array<{ key: MarkKey; type: boolean }> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Array<{ key: MarkKey; type: boolean }> = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) out.push(...importKeys(file, st));
    else if (ts.isExportDeclaration(st)) out.push(...exportKeys(file, st));
    else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) {
      out.push({ key: `${file}|import=|${(st.moduleReference.expression as ts.StringLiteral).text}|${st.name.text}`, type: st.isTypeOnly });
    }
  }
  return out;
}

/** Removes every `type` modifier of top-level imports and exports (not `export type X = …`). */
export function detype(file: string, text: string): string {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const cuts: Array<[number, number]> = [];
  const cutKeyword = (from: number): void => {
    // `type` followed by whitespace, starting at `from`.
    const m = /^type\s+/.exec(text.slice(from, from + 20));
    if (m) cuts.push([from, from + m[0].length]);
  };
  const after = (pos: number): number => {
    let p = pos;
    while (/\s/.test(text[p]!)) p++;
    return p;
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause) {
      const clause = st.importClause;
      if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) cutKeyword(clause.getStart(sf));
      const nb = clause.namedBindings;
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (el.isTypeOnly) cutKeyword(el.getStart(sf));
    } else if (ts.isExportDeclaration(st)) {
      if (st.isTypeOnly) cutKeyword(after(st.getStart(sf) + 'export'.length));
      const clause = st.exportClause;
      if (clause && ts.isNamedExports(clause)) for (const el of clause.elements) if (el.isTypeOnly) cutKeyword(el.getStart(sf));
    } else if (ts.isImportEqualsDeclaration(st) && st.isTypeOnly) {
      cutKeyword(after(st.getStart(sf) + 'import'.length));
    }
  }
  cuts.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [s, e] of cuts) out = out.slice(0, s) + out.slice(e);
  return out;
}

/** Compiles `texts` (absolute path → text; other files come from disk) and returns path → emitted JS. */
export function emitJs(texts: Map<string, string>, options: ts.CompilerOptions): Map<string, string> {
  const opts: ts.CompilerOptions = { ...options, noEmit: false, declaration: false, sourceMap: false, outDir: '/__out__', rootDir: undefined };
  const host = ts.createCompilerHost(opts);
  const baseRead = host.readFile.bind(host);
  const baseExists = host.fileExists.bind(host);
  host.getDefaultLibLocation = () => LIB_DIR;
  host.getDefaultLibFileName = (o) => join(LIB_DIR, ts.getDefaultLibFileName(o));
  host.readFile = (f) => texts.get(f) ?? baseRead(f);
  host.fileExists = (f) => texts.has(f) || baseExists(f);
  host.getSourceFile = (f, lang) => {
    const t = host.readFile(f);
    return t === undefined ? undefined : ts.createSourceFile(f, t, lang);
  };
  const program = ts.createProgram([...texts.keys()], opts, host);
  const js = new Map<string, string>();
  const sources = new Set(texts.keys());
  for (const sf of program.getSourceFiles()) {
    if (!sources.has(sf.fileName)) continue;
    program.emit(sf, (_name, text, _bom) => {
      if (_name.endsWith('.js')) js.set(sf.fileName, text);
    });
  }
  return js;
}

export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export function rel(path: string, root: string): string {
  return relative(root, path).split('\\').join('/');
}

export function clean(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
