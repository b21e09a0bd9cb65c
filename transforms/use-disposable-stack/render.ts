/**
 * Text rewriting for use-disposable-stack. Each site is rewritten on the current text, innermost
 * (highest pre-order index) first, re-parsing in between: the text of a rewritten inner try simply
 * moves with its parent, and indentation changes never touch the inside of strings or templates.
 */
import { ts } from '../../src/ts-morph.cjs';
import type { Site } from './analyze.js';

type Range = readonly [number, number];

/** Ranges of string and template tokens under `roots`: line starts inside them are part of a value, not indentation. */
function literalRanges(sf: ts.SourceFile, roots: readonly ts.Node[]): Range[] {
  const out: Range[] = [];
  const visit = (n: ts.Node): void => {
    switch (n.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
      case ts.SyntaxKind.TemplateTail:
        out.push([n.getStart(sf), n.end]);
        return;
      case ts.SyntaxKind.JsxText:
        // JSX text has no trivia: its leading whitespace is part of it.
        out.push([n.pos, n.end]);
        return;
      default:
        ts.forEachChild(n, visit);
    }
  };
  for (const root of roots) visit(root);
  return out;
}

/** The TryStatement whose `try` keyword is at `pos`, found by descending from the root. */
function findTryAt(sf: ts.SourceFile, pos: number): ts.TryStatement | undefined {
  let found: ts.TryStatement | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    ts.forEachChild(n, (child) => {
      if (found || child.end <= pos || child.pos > pos) return;
      if (ts.isTryStatement(child) && child.getStart(sf) === pos) found = child;
      else visit(child);
    });
  };
  visit(sf);
  return found;
}

function insideLiteral(pos: number, ranges: readonly Range[]): boolean {
  return ranges.some(([s, e]) => pos > s && pos < e);
}

/** Re-indents text[start, end): every line start after the first gets `add`, or loses `remove`. */
function reindent(text: string, start: number, end: number, change: { add?: string; remove?: string }, ranges: readonly Range[]): string {
  let out = '';
  let cursor = start;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    const lineStart = i + 1;
    if (lineStart > end) break;
    out += text.slice(cursor, lineStart);
    cursor = lineStart;
    if (insideLiteral(lineStart, ranges)) continue;
    const lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd === -1 || lineEnd > end ? end : lineEnd);
    if (change.add !== undefined) {
      // Blank lines stay blank (no trailing whitespace); the last, partial line is the closing brace's indentation.
      const partial = lineEnd === -1 || lineEnd > end;
      if (line.trim() !== '' || partial) out += change.add;
    } else if (change.remove) {
      let n = 0;
      if (line.startsWith(change.remove)) n = change.remove.length;
      else while (n < change.remove.length && (line[n] === ' ' || line[n] === '\t')) n++;
      cursor += n;
    }
  }
  out += text.slice(cursor, end);
  return out;
}

function lineIndentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, pos))![0];
}

/** The file's indentation unit, from the first indented line (two spaces if none). */
export function detectUnit(text: string): string {
  if (/\n\t+\S/.test(text)) return '\t';
  let min = Infinity;
  for (const m of text.matchAll(/\n( +)[^\s*]/g)) min = Math.min(min, m[1]!.length);
  return min === Infinity || min > 8 ? '  ' : ' '.repeat(min);
}

function firstOnLine(text: string, pos: number): boolean {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return text.slice(lineStart, pos).trim() === '';
}

/** Without semicolons, a line that starts with ( [ ` + - / would continue the previous one: end it with `;`. */
function guardAsi(head: string[], following: string): void {
  const last = head.length - 1;
  if (last >= 0 && !/;\s*$/.test(head[last]!) && /^\s*[([`+\-/]/.test(following)) head[last] += ';';
}

/** Whether the file ends its statements with semicolons (most of them), so new statements match. */
function usesSemicolons(sf: ts.SourceFile): boolean {
  let withSemi = 0;
  let without = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isExpressionStatement(n) || ts.isVariableStatement(n) || ts.isReturnStatement(n) || ts.isThrowStatement(n)) {
      if (sf.text[n.end - 1] === ';') withSemi++;
      else without++;
    }
    if (withSemi + without < 400) ts.forEachChild(n, visit);
  };
  visit(sf);
  return withSemi >= without;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** Rewrites one site of `sf` (whose text already holds the rewrites of every later site). */
function rewriteSite(sf: ts.SourceFile, site: Site, eol: string, fileUnit: string, semicolons: boolean): Replacement {
  const semi = semicolons ? ';' : '';
  const text = sf.text;
  const node = findTryAt(sf, site.start);
  if (!node?.finallyBlock) throw new Error(`use-disposable-stack: try statement #${site.index} not found at ${site.start} while rewriting`);
  const parentList = node.parent as ts.Block;
  const prevStatement = site.shape === 'using' ? (parentList.statements[parentList.statements.indexOf(node) - 1] as ts.VariableStatement) : undefined;
  const ranges = literalRanges(sf, prevStatement ? [prevStatement, node] : [node]);
  const tryStart = node.getStart(sf);
  const li = lineIndentAt(text, tryStart);
  const tb = node.tryBlock;
  const first = tb.statements[0];
  const bodyIndent = first && firstOnLine(text, first.getStart(sf)) ? lineIndentAt(text, first.getStart(sf)) : li + fileUnit;
  const unit = bodyIndent.startsWith(li) && bodyIndent.length > li.length ? bodyIndent.slice(li.length) : fileUnit;
  const bodyStart = tb.getStart(sf) + 1;
  const bodyEnd = tb.end - 1;
  const bodyInner = text.slice(bodyStart, bodyEnd);
  const bodyIsMultiline = /^[ \t]*\r?\n/.test(bodyInner);

  const deferText = (name: string, add: string): string => {
    const fb = node.finallyBlock!;
    const innerStart = fb.getStart(sf) + 1;
    const innerEnd = fb.end - 1;
    const head = `${name}.defer(${site.async ? 'async ' : ''}() => {`;
    const only = fb.statements.length === 1 ? fb.statements[0]!.getText(sf) : undefined;
    if (only !== undefined && !only.includes('\n') && text.slice(innerStart, innerEnd).trim() === only) return `${head} ${only} })${semi}`;
    return `${head}${reindent(text, innerStart, innerEnd, { add }, ranges)}})${semi}`;
  };
  const stackDecl = (name: string): string =>
    site.async ? `await using ${name} = new AsyncDisposableStack()${semi}` : `using ${name} = new DisposableStack()${semi}`;

  if (site.shape === 'for-of-using') {
    // `for (const x of it) { try { BODY } finally { x[Symbol.dispose](); } }` → `for (using x of it) { BODY }`.
    const list = ((node.parent as ts.Block).parent as ts.ForOfStatement).initializer as ts.VariableDeclarationList;
    const kw = list.getStart(sf);
    const body = bodyIsMultiline
      ? reindent(text, bodyStart, bodyEnd, { remove: unit }, ranges).replace(/^[ \t]*\r?\n[ \t]*/, '').replace(/\s*$/, '')
      : bodyInner.trim();
    return { start: kw, end: node.end, text: (site.async ? 'await using' : 'using') + text.slice(kw + 'const'.length, tryStart) + body };
  }

  let start = tryStart;
  let declText: string | undefined;
  if (site.shape === 'using') {
    const prev = prevStatement!;
    start = prev.getStart(sf);
    const keyword = site.async ? 'await using' : 'using';
    const raw = site.flattened ? text.slice(start, prev.end) : reindent(text, start, prev.end, { add: unit }, ranges);
    declText = raw.replace(/^const\b/, keyword);
  }
  const end = node.end;

  const head: string[] = [];
  if (site.shape === 'using') head.push(declText!);
  else {
    if (site.declaresStack) head.push(stackDecl(site.stackName!));
    head.push(deferText(site.stackName!, site.flattened ? '' : unit));
  }

  let replacement: string;
  if (!site.flattened) {
    let content: string;
    if (node.catchClause) {
      content = `${eol}${bodyIndent}${reindent(text, tryStart, node.catchClause.end, { add: unit }, ranges)}${eol}${li}}`;
    } else if (site.nestBody) {
      content = `${eol}${bodyIndent}{${reindent(text, bodyStart, bodyEnd, { add: unit }, ranges)}}${eol}${li}}`;
    } else if (bodyIsMultiline) {
      content = `${bodyInner}}`;
    } else {
      const trimmed = bodyInner.trim();
      content = trimmed === '' ? `${eol}${li}}` : `${eol}${bodyIndent}${trimmed}${eol}${li}}`;
    }
    guardAsi(head, content);
    replacement = `{${eol}${bodyIndent}${head.join(eol + bodyIndent)}${content}`;
  } else {
    let content: string;
    if (node.catchClause) {
      content = `${eol}${li}${text.slice(tryStart, node.catchClause.end)}`;
    } else if (site.nestBody) {
      content = `${eol}${li}{${bodyInner}}`;
    } else if (bodyIsMultiline) {
      content = reindent(text, bodyStart, bodyEnd, { remove: unit }, ranges).replace(/\r?\n[ \t]*$/, '');
    } else {
      const trimmed = bodyInner.trim();
      content = trimmed === '' ? '' : `${eol}${li}${trimmed}`;
    }
    guardAsi(head, content === '' ? text.slice(end) : content);
    replacement = `${head.join(eol + li)}${content}`;
  }
  return { start, end, text: replacement };
}

/**
 * Applies every site, innermost (highest pre-order index) first. A site's `try` keyword keeps its offset:
 * every earlier rewrite was inside it or after it. The tree is updated incrementally after each rewrite.
 */
export function rewriteAll(text: string, sites: readonly Site[], scriptKind: ts.ScriptKind, eol: string): string {
  const unit = detectUnit(text);
  let sf = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true, scriptKind);
  const semicolons = usesSemicolons(sf);
  for (const site of [...sites].sort((a, b) => b.index - a.index)) {
    const r = rewriteSite(sf, site, eol, unit, semicolons);
    const next = sf.text.slice(0, r.start) + r.text + sf.text.slice(r.end);
    sf = ts.updateSourceFile(sf, next, ts.createTextChangeRange(ts.createTextSpan(r.start, r.end - r.start), r.text.length));
  }
  return sf.text;
}
