/**
 * Text helpers for use-async-local-storage: indentation, nested replacements rendered over the original
 * text so that untouched text (comments included) stays byte-identical.
 */

/** One replacement of [start, end) in the original text; `render(delta)` gets the extra indentation in units. */
export interface Rep {
  start: number;
  end: number;
  render(delta: number): string;
}

export class TextModel {
  readonly unit: string;
  private readonly protectedLineStarts: Set<number>;
  readonly reps: Rep[] = [];

  constructor(
    readonly text: string,
    protectedRanges: ReadonlyArray<readonly [number, number]>,
  ) {
    this.unit = detectUnit(text);
    this.protectedLineStarts = new Set();
    for (const [start, end] of protectedRanges) {
      for (let i = text.indexOf('\n', start); i !== -1 && i < end - 1; i = text.indexOf('\n', i + 1)) {
        this.protectedLineStarts.add(i + 1);
      }
    }
  }

  add(rep: Rep): void {
    this.reps.push(rep);
  }

  /** The whitespace before `pos` on its line. */
  indentAt(pos: number): string {
    let lineStart = pos;
    while (lineStart > 0 && this.text[lineStart - 1] !== '\n') lineStart--;
    let end = lineStart;
    while (end < pos && (this.text[end] === ' ' || this.text[end] === '\t')) end++;
    return this.text.slice(lineStart, end);
  }

  shift(indent: string, delta: number): string {
    if (delta >= 0) return indent + this.unit.repeat(delta);
    let out = indent;
    for (let i = 0; i < -delta; i++) {
      if (out.endsWith(this.unit)) out = out.slice(0, out.length - this.unit.length);
      else out = out.replace(/[ \t]+$/, '');
    }
    return out;
  }

  /** The top-level replacements inside [start, end), in order. */
  private topLevel(start: number, end: number): Rep[] {
    const inside = this.reps
      .filter((r) => r.start >= start && r.end <= end && !(r.start === r.end && r.start === end && end !== start))
      .sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
    const out: Rep[] = [];
    let lastEnd = -1;
    for (const rep of inside) {
      if (rep.start < lastEnd) continue;
      out.push(rep);
      lastEnd = Math.max(lastEnd, rep.end);
    }
    return out;
  }

  /** The original text of [start, end) with replacements applied and every line start shifted by `delta` units. */
  render(start: number, end: number, delta: number): string {
    let out = '';
    let pos = start;
    for (const rep of this.topLevel(start, end)) {
      out += this.gap(pos, rep.start, delta);
      out += rep.render(delta);
      pos = rep.end;
    }
    out += this.gap(pos, end, delta);
    return out;
  }

  /** Top-level edits for the whole file. */
  edits(): Array<{ start: number; end: number; text: string }> {
    const out: Array<{ start: number; end: number; text: string }> = [];
    for (const rep of this.topLevel(0, this.text.length + 1)) {
      const edit = { start: rep.start, end: rep.end, text: rep.render(0) };
      const last = out[out.length - 1];
      // Touching edits (an insertion right before a replacement) become one, so no engine has to order them.
      if (last && last.end === edit.start) {
        last.end = edit.end;
        last.text += edit.text;
      } else out.push(edit);
    }
    return out;
  }

  private gap(start: number, end: number, delta: number): string {
    const piece = this.text.slice(start, end);
    if (delta === 0) return piece;
    let out = '';
    let last = 0;
    for (let i = piece.indexOf('\n'); i !== -1; i = piece.indexOf('\n', i + 1)) {
      const lineStart = start + i + 1;
      out += piece.slice(last, i + 1);
      last = i + 1;
      if (this.protectedLineStarts.has(lineStart)) continue;
      // Blank lines stay blank.
      if (lineStart >= end || this.text[lineStart] === '\n' || this.text[lineStart] === '\r') continue;
      let wsEnd = i + 1;
      while (wsEnd < piece.length && (piece[wsEnd] === ' ' || piece[wsEnd] === '\t')) wsEnd++;
      out += this.shift(piece.slice(i + 1, wsEnd), delta);
      last = wsEnd;
    }
    return out + piece.slice(last);
  }
}

function detectUnit(text: string): string {
  let best = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) return '\t';
    const match = /^( +)\S/.exec(line);
    if (match && !line.trimStart().startsWith('*')) {
      const n = match[1]!.length;
      if (best === 0 || n < best) best = n;
    }
  }
  return ' '.repeat(best || 2);
}
