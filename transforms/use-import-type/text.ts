/**
 * Text helpers for use-import-type: in-place edits over the original text, never re-printed nodes.
 * Lists of specifiers are cut into per-element chunks (leading trivia, element, trailing same-line
 * comment) so that a split keeps every comment next to its specifier and leaves no dangling comma.
 */
import { ts } from '../../src/ts-morph.cjs';

/** A specifier of a named import/export list, with the text around it. */
export interface ListChunk {
  node: ts.ImportSpecifier | ts.ExportSpecifier;
  /** Trivia between the previous separator (or `{`) and the element. */
  lead: string;
  /** Trivia between the element and its comma (usually empty). */
  gap: string;
  /** Same-line comments after the comma (or after the element when it has no comma). */
  trailing: string;
  hasComma: boolean;
}

export interface ListLayout {
  chunks: ListChunk[];
  /** Text between the last chunk and `}`. */
  tail: string;
  /** The last element is followed by a comma. */
  trailingComma: boolean;
}

/** The first position at or after `pos` that is not whitespace or a comment. */
export function skipTrivia(text: string, pos: number): number {
  let p = pos;
  for (;;) {
    while (p < text.length && /\s/.test(text[p]!)) p++;
    if (text.startsWith('//', p)) {
      while (p < text.length && text[p] !== '\n' && text[p] !== '\r') p++;
    } else if (text.startsWith('/*', p)) {
      const close = text.indexOf('*/', p + 2);
      p = close < 0 ? text.length : close + 2;
    } else return p;
  }
}

/** End of the same-line comments starting at `pos` (only comments, not bare whitespace, are taken). */
export function sameLineCommentsEnd(text: string, pos: number): number {
  let p = pos;
  let end = pos;
  for (;;) {
    while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
    if (text.startsWith('//', p)) {
      let e = p;
      while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
      return e;
    }
    if (text.startsWith('/*', p)) {
      const close = text.indexOf('*/', p + 2);
      if (close < 0) return end;
      const e = close + 2;
      if (/[\r\n]/.test(text.slice(p, e))) return end;
      p = e;
      end = e;
      continue;
    }
    return end;
  }
}

export function layoutList(text: string, elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[], braces: ts.Node, sf: ts.SourceFile): ListLayout {
  const open = braces.getStart(sf) + 1;
  const close = braces.end - 1;
  const chunks: ListChunk[] = [];
  let cursor = open;
  for (const el of elements) {
    const start = el.getStart(sf);
    const lead = text.slice(cursor, start);
    const afterEl = skipTrivia(text, el.end);
    let gap = '';
    let hasComma = false;
    let after = el.end;
    if (text[afterEl] === ',') {
      hasComma = true;
      gap = text.slice(el.end, afterEl);
      after = afterEl + 1;
    }
    const trailingEnd = sameLineCommentsEnd(text, after);
    chunks.push({ node: el, lead, gap, trailing: text.slice(after, trailingEnd), hasComma });
    cursor = trailingEnd;
  }
  const last = chunks[chunks.length - 1];
  return { chunks, tail: text.slice(cursor, close), trailingComma: last ? last.hasComma : false };
}

/** The name part of a specifier: its text without an inline `type` modifier. */
export function specifierTextWithoutType(text: string, el: ts.ImportSpecifier | ts.ExportSpecifier, sf: ts.SourceFile): string {
  const first = el.propertyName ?? el.name;
  return text.slice(first.getStart(sf), el.end);
}

/**
 * Rebuilds `{ … }` with only `members` (in source order), keeping each chunk's comments, the list's
 * trailing-comma style and its closing trivia. `render` gives each element's new text.
 */
export function renderList(layout: ListLayout, members: ReadonlySet<ListChunk['node']>, render: (el: ListChunk['node']) => string, eol: string): string {
  const picked = layout.chunks.filter((c) => members.has(c.node));
  let out = '{';
  picked.forEach((c, i) => {
    out += c.lead + render(c.node) + c.gap;
    const isLast = i === picked.length - 1;
    if (!isLast || layout.trailingComma) out += ',';
    out += c.trailing;
    if (isLast && /\/\/[^\r\n]*$/.test(c.trailing) && !/[\r\n]/.test(layout.tail)) out += eol;
  });
  return out + layout.tail + '}';
}

/** Start of the line holding `pos` when only whitespace precedes `pos` on it, else `pos`. */
export function lineStartIfBlank(text: string, pos: number): number {
  let p = pos;
  while (p > 0 && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
  return p === 0 || text[p - 1] === '\n' || text[p - 1] === '\r' ? p : pos;
}

/** The indentation of the line holding `pos` (whitespace from the line start up to `pos`). */
export function indentBefore(text: string, pos: number): string {
  const start = lineStartIfBlank(text, pos);
  return start === pos && pos > 0 && text[pos - 1] !== '\n' && text[pos - 1] !== '\r' ? '' : text.slice(start, pos);
}

/** `// eslint-disable-next-line …` on the line right above `node`, to repeat above a split's second half. */
export function nextLineDirective(text: string, node: ts.Node, sf: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last || last.kind !== ts.SyntaxKind.SingleLineCommentTrivia) return undefined;
  const comment = text.slice(last.pos, last.end);
  if (!/^\/\/\s*eslint-disable-next-line\b/.test(comment)) return undefined;
  const between = text.slice(last.end, node.getStart(sf));
  if ((between.match(/\n/g) ?? []).length !== 1) return undefined;
  return comment;
}

/** True when the node's own text or its leading trivia holds a comment. */
export function hasComments(text: string, node: ts.Node, sf: ts.SourceFile): boolean {
  if ((ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).length > 0) return true;
  const own = text.slice(node.getStart(sf), node.end);
  return own.includes('//') || own.includes('/*') ? hasCommentTokens(own) : false;
}

function hasCommentTokens(snippet: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, snippet);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) return true;
  }
  return false;
}
