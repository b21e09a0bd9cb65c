/**
 * Project-level checks for use-disposable-stack (spec §3, §4, hazards 34–36): the tsconfig `lib` must
 * declare DisposableStack, and a runtime older than Node 24 needs a polyfill. Pure functions over the
 * texts and parsed options the loader gave the transform.
 */
import { ts } from '../../src/ts-morph.cjs';

const DISPOSABLE_LIBS = ['lib.esnext.d.ts', 'lib.esnext.full.d.ts', 'lib.esnext.disposable.d.ts'];

/** True when the compiled `lib` (or the target's default lib) declares DisposableStack. */
export function libHasDisposable(options: ts.CompilerOptions): boolean {
  if (options.lib) return options.lib.some((l) => DISPOSABLE_LIBS.includes(l.toLowerCase().replace(/^.*[\\/]/, '')));
  if (options.noLib) return false;
  return (options.target ?? ts.ScriptTarget.ES5) >= ts.ScriptTarget.ESNext;
}

/** The `lib` names that reproduce the target's default library (TypeScript's lib.<target>.full.d.ts). */
export function defaultLibNames(target: ts.ScriptTarget | undefined): string[] {
  const t = target ?? ts.ScriptTarget.ES5;
  if (t <= ts.ScriptTarget.ES5) return ['es5', 'dom', 'webworker.importscripts', 'scripthost'];
  const name = t === ts.ScriptTarget.ES2015 ? 'es2015' : (ts.ScriptTarget[t] ?? 'esnext').toLowerCase();
  return [name, 'dom', 'webworker.importscripts', 'scripthost', 'dom.iterable', 'dom.asynciterable'];
}

function libNameFromFile(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/^lib\./, '').replace(/\.d\.ts$/, '');
}

function quoteOf(text: string, node: ts.Node | undefined, sf: ts.JsonSourceFile): string {
  if (node && ts.isStringLiteral(node)) return text[node.getStart(sf)] === "'" ? "'" : '"';
  return '"';
}

function lineIndentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, pos))![0];
}

function findProperty(obj: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) && p.name.text === name) return p;
  }
  return undefined;
}

/**
 * A minimal text edit of a tsconfig that adds `esnext.disposable` to `compilerOptions.lib`: appended to an
 * existing array in its own layout, or a new `lib` that keeps what the project compiles with today.
 * Returns undefined when the text has a shape it does not know how to edit safely.
 */
export function addDisposableLib(text: string, options: ts.CompilerOptions): string | undefined {
  const sf = ts.parseJsonText('tsconfig.json', text);
  const root = sf.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const compilerOptions = findProperty(root, 'compilerOptions');
  const libProp = compilerOptions && ts.isObjectLiteralExpression(compilerOptions.initializer) ? findProperty(compilerOptions.initializer, 'lib') : undefined;
  if (libProp) {
    const arr = libProp.initializer;
    if (!ts.isArrayLiteralExpression(arr)) return undefined;
    const last = arr.elements.at(-1);
    const q = quoteOf(text, last ?? undefined, sf);
    const entry = `${q}esnext.disposable${q}`;
    if (!last) {
      const open = arr.getStart(sf) + 1;
      return `${text.slice(0, open)}${entry}${text.slice(open)}`;
    }
    const lastEnd = last.end;
    const multiline = arr.elements.length > 1
      ? text.slice(arr.elements[0]!.end, arr.elements[1]!.getStart(sf)).includes('\n')
      : text.slice(arr.getStart(sf), last.getStart(sf)).includes('\n');
    const sep = multiline ? `,${eol}${lineIndentAt(text, last.getStart(sf))}` : ', ';
    return `${text.slice(0, lastEnd)}${sep}${entry}${text.slice(lastEnd)}`;
  }
  // No lib of its own: keep what it compiles with (an inherited lib, or the target's default) and add ours.
  const names = options.lib ? options.lib.map(libNameFromFile) : defaultLibNames(options.target);
  const list = [...names, 'esnext.disposable'].map((n) => `"${n}"`).join(', ');
  if (compilerOptions && ts.isObjectLiteralExpression(compilerOptions.initializer)) {
    const obj = compilerOptions.initializer;
    const firstProp = obj.properties[0];
    const open = obj.getStart(sf) + 1;
    if (firstProp && text.slice(open, firstProp.getStart(sf)).includes('\n')) {
      const indent = lineIndentAt(text, firstProp.getStart(sf));
      return `${text.slice(0, open)}${eol}${indent}"lib": [${list}],${text.slice(open)}`;
    }
    if (firstProp) return `${text.slice(0, open)} "lib": [${list}],${text.slice(open)}`;
    return `${text.slice(0, open)} "lib": [${list}] ${text.slice(obj.end - 1)}`.replace(/\{\s*"lib"/, '{ "lib"');
  }
  if (compilerOptions) return undefined;
  const open = root.getStart(sf) + 1;
  const firstProp = root.properties[0];
  if (firstProp && text.slice(open, firstProp.getStart(sf)).includes('\n')) {
    const indent = lineIndentAt(text, firstProp.getStart(sf));
    return `${text.slice(0, open)}${eol}${indent}"compilerOptions": { "lib": [${list}] },${text.slice(open)}`;
  }
  if (firstProp) return `${text.slice(0, open)} "compilerOptions": { "lib": [${list}] },${text.slice(open)}`;
  return `${text.slice(0, open)} "compilerOptions": { "lib": [${list}] } ${text.slice(root.end - 1)}`;
}

/**
 * Whether an `engines.node` range admits a Node older than 24 (no DisposableStack there). A missing or
 * unreadable range admits anything.
 */
export function enginesAllowBelow24(range: unknown): boolean {
  if (typeof range !== 'string' || range.trim() === '' || range.trim() === '*') return true;
  for (const set of range.split('||')) {
    const s = set.trim();
    if (s === '' || s === '*' || s === 'x') return true;
    let lower: number | undefined;
    const hyphen = /^v?(\d+)(?:\.[\dx*]+)*\s+-\s+/.exec(s);
    if (hyphen) lower = Number(hyphen[1]);
    else {
      for (const m of s.matchAll(/(>=|>|\^|~|=)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/g)) {
        const op = m[1] ?? '';
        const idx = m.index ?? 0;
        const before = s.slice(Math.max(0, idx - 2), idx);
        if (before.includes('<') || (op === '' && /<\s*$/.test(s.slice(0, idx)))) continue;
        const major = Number(m[2]);
        const v = op === '>' && (m[3] === undefined || m[3] === 'x' || m[3] === '*') ? major + 1 : major;
        lower = lower === undefined ? v : Math.max(lower, v);
      }
    }
    if (lower === undefined || lower < 24) return true;
  }
  return false;
}
