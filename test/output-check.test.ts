/**
 * The engine's output check re-parses only the statements around the edits when that proves the file
 * parses. These tests compare it with a full parse on many random edits (a fixed seed), on code written
 * to trip a window parse: no semicolons (ASI), regular expressions, templates, JSX, top-level await.
 * Whenever the full parse finds an error, the check must find the same one.
 */
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { findOutputSyntaxError, getTextSyntaxError, windowsParse } from '../src/engines/output-check.js';
import { applyTextEdits } from '../src/engines/text-edits.js';
import type { TextEdit } from '../src/transform-api/types.js';
import { random } from './support/random.js';

const NO_SEMICOLONS = `import { a, b } from './a'
import type { T } from './t'
const x = a
;(b as T)()
let y = x
/re/g.test(String(y))
const z = \`\${x} and \${y}\`
export function f(n: number) {
  return n
    + 1
}
export const g = async () => await f(1)
class K { m() { return this } }
export default K
`;

const TOP_LEVEL_AWAIT = `import { load } from './load'
const value = await load()
console.log(value)
const other = await (value)
export { value, other }
`;

const TSX = `import * as React from 'react'
import { Button } from './button'
export const A = () => <div><Button /></div>
const b = 1 < 2
export const C = () => <>{b ? 'x' : 'y'}</>
`;

const SCRIPT = `var a = 1
function f() { return a }
f()
var b = f()
`;

// Pieces that change how a neighbour parses when inserted, and pieces that are harmless.
const PIECES = ['(', ')', '{', '}', '[', ']', '`', '/', '/*', '*/', '//', "'", '"', '<', '>', ';', '\n', ' ', 'type ', 'await ', '++', 'x', ',', '=>', '\n(', '\n[', '\n`t`', 'import ', 'export '];

// Whole statements and ASI hazards, inserted where statements meet: they often keep the file valid
// while changing where a neighbouring statement ends (`a\n(x)` is a call).
const SNIPPETS = ['\n(x)\n', '\n[x]\n', '\n`t`\n', '\n/x/g\n', '\n+x\n', '\n-x', 'x;', ';', '\nlet q = 1\n', '\n<T>(x)', '\n.x', '\n?.x', ' as T', '\n!x'];

function boundaryEdits(sf: ts.SourceFile, next: () => number): TextEdit[] {
  const points = sf.statements.flatMap((st) => [st.pos, st.end, st.getStart(sf)]);
  const at = points[Math.floor(next() * points.length)]!;
  return [{ start: at, end: at, text: SNIPPETS[Math.floor(next() * SNIPPETS.length)]! }];
}

function randomEdits(text: string, next: () => number): TextEdit[] {
  const edits: TextEdit[] = [];
  const count = 1 + Math.floor(next() * 3);
  const points = Array.from({ length: count * 2 }, () => Math.floor(next() * (text.length + 1))).sort((p, q) => p - q);
  for (let i = 0; i < count; i++) {
    const start = points[2 * i]!;
    const end = next() < 0.6 ? start : Math.min(points[2 * i + 1]!, start + 8);
    edits.push({ start, end, text: next() < 0.2 ? '' : PIECES[Math.floor(next() * PIECES.length)]! });
  }
  return edits;
}

function parseClean(path: string, text: string): ts.SourceFile {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
  expect((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  return sf;
}

describe('output check: statements around the edits, else the whole file', () => {
  const cases: Array<[string, string]> = [
    ['/no-semicolons.ts', NO_SEMICOLONS],
    ['/top-level-await.ts', TOP_LEVEL_AWAIT],
    ['/component.tsx', TSX],
    ['/script.ts', SCRIPT],
  ];
  for (const [path, source] of cases) {
    it(`agrees with a full parse on 2000 random edits of ${path.slice(1)}`, () => {
      const before = parseClean(path, source);
      const next = random(path.length * 7919);
      let byWindows = 0;
      let broken = 0;
      for (let n = 0; n < 2000; n++) {
        const edits = n % 2 ? randomEdits(source, next) : boundaryEdits(before, next);
        const after = applyTextEdits(source, edits);
        const full = getTextSyntaxError(path, after);
        if (full) broken++;
        const withEdits = findOutputSyntaxError(path, before, after, edits);
        const withTexts = findOutputSyntaxError(path, before, after);
        expect({ edits, result: withEdits }).toEqual({ edits, result: full });
        expect({ edits, result: withTexts }).toEqual({ edits, result: full });
        if (windowsParse(path, before, after, edits)) {
          byWindows++;
          expect({ edits, full }).toEqual({ edits, full: undefined });
        }
      }
      // Both paths are exercised: many edits break the file, and clean ones are proven by the windows.
      expect(broken).toBeGreaterThan(300);
      if (path === '/script.ts') expect(byWindows).toBe(0); // not a module: the full parse decides
      else expect(byWindows).toBeGreaterThan(20);
    });
  }

  it('proves a use-import-type sized edit without the full parse, and reports a real break like the full parse', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `export const v${i} = (n: number) => n + ${i}`);
    const source = [`import { A, B } from './ab'`, ...lines, 'export { A }', ''].join('\n');
    const before = parseClean('/m.ts', source);
    const edit: TextEdit = { start: source.indexOf('A, B'), end: source.indexOf('A, B'), text: 'type ' };
    const after = applyTextEdits(source, [edit]);
    expect(windowsParse('/m.ts', before, after, [edit])).toBe(true);
    expect(findOutputSyntaxError('/m.ts', before, after, [edit])).toBeUndefined();
    const bad: TextEdit = { start: edit.start, end: edit.start, text: 'type type {' };
    const broken = applyTextEdits(source, [bad]);
    expect(findOutputSyntaxError('/m.ts', before, broken, [bad])).toEqual(getTextSyntaxError('/m.ts', broken));
    expect(getTextSyntaxError('/m.ts', broken)).toMatchObject({ line: 1 });
  });

  it('does not take the windows as proof when an unchanged neighbour no longer ends where it did', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `export const v${i} = ${i}`);
    const source = [`import { A } from './a'`, ...lines.slice(0, 10), 'const x = A', 'void (A as any)()', 'void 0;', '(x)', ...lines.slice(10), ''].join('\n');
    const before = parseClean('/m.ts', source);
    // Dropping `void ` makes `const x = A\n(A as any)()` one statement: the unchanged neighbour before the edit grows.
    const head: TextEdit = { start: source.indexOf('void (A'), end: source.indexOf('void (A') + 'void '.length, text: '' };
    const afterHead = applyTextEdits(source, [head]);
    expect(windowsParse('/m.ts', before, afterHead, [head])).toBe(false);
    expect(findOutputSyntaxError('/m.ts', before, afterHead, [head])).toBeUndefined();
    // Dropping the `;` of `void 0;` makes `void 0\n(x)` one call. An edit at a statement's end touches the
    // next statement too, so `(x)` is re-parsed inside the window and the windows are proof enough.
    const tail: TextEdit = { start: source.indexOf('void 0;') + 'void 0'.length, end: source.indexOf('void 0;') + 'void 0;'.length, text: '' };
    const afterTail = applyTextEdits(source, [tail]);
    expect(windowsParse('/m.ts', before, afterTail, [tail])).toBe(true);
    expect(getTextSyntaxError('/m.ts', afterTail)).toBeUndefined();
    // The same edits without the neighbours moving are proven by the windows.
    const harmless: TextEdit = { start: source.indexOf('void 0;'), end: source.indexOf('void 0;') + 'void 0;'.length, text: 'void 1;' };
    expect(windowsParse('/m.ts', before, applyTextEdits(source, [harmless]), [harmless])).toBe(true);
  });

  it('an unclosed comment or template that swallows the rest of the file is caught', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `export const v${i} = ${i}`);
    const source = [`import { A } from './a'`, ...lines, ''].join('\n');
    const before = parseClean('/m.ts', source);
    for (const text of ['/*', '`', "'", '{', '(']) {
      const at = source.indexOf('export const v3');
      const edit: TextEdit = { start: at, end: at, text };
      const after = applyTextEdits(source, [edit]);
      expect(getTextSyntaxError('/m.ts', after), text).toBeDefined();
      expect(findOutputSyntaxError('/m.ts', before, after, [edit]), text).toEqual(getTextSyntaxError('/m.ts', after));
    }
  });
});
