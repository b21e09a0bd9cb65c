/**
 * diffTexts trims the lines both texts share at their start and end before calling jsdiff, as git
 * does. Where a change could be placed in more than one way (a deleted line among equal ones), the
 * trimmed diff may place it elsewhere than jsdiff on the whole texts would, as git's may: it must still
 * reproduce the new text, be as small (same insertions and deletions), and give jsdiff's own result
 * whenever the change has one placement. Random texts (a fixed seed) made of few distinct lines, with
 * and without a final line break, CRLF, and BOMs.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch, structuredPatch } from 'diff';
import { diffTexts } from '../src/report/diff.js';
import { BOM } from '../src/engines/text-edits.js';
import { random } from './support/random.js';

/** The diff as diffTexts made it before trimming: jsdiff on the whole texts. */
function reference(before: string, after: string, beforeBom = false, afterBom = beforeBom): { hunks: string; insertions: number; deletions: number } {
  const patch = structuredPatch('a', 'b', (beforeBom ? BOM : '') + before, (afterBom ? BOM : '') + after, '', '', { context: 3 });
  let insertions = 0;
  let deletions = 0;
  const out: string[] = [];
  const range = (start: number, lines: number): string => (lines === 0 ? `${Math.max(start - 1, 0)},0` : lines === 1 ? `${start}` : `${start},${lines}`);
  for (const hunk of patch.hunks) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    for (const line of hunk.lines) {
      if (line.startsWith('+')) insertions++;
      else if (line.startsWith('-')) deletions++;
      out.push(line);
    }
  }
  return { hunks: out.length ? `${out.join('\n')}\n` : '', insertions, deletions };
}

const LINES = ['import { a } from "a";', '', '}', 'const x = 1;', '  return x;', 'export {};', '// note'];

describe('diffTexts', () => {
  it('is as small as jsdiff’s diff of the whole texts and reproduces the new text, on 3000 random edits', () => {
    const next = random(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    let trimmedSomething = 0;
    let placedElsewhere = 0;
    for (let n = 0; n < 3000; n++) {
      const eol = next() < 0.2 ? '\r\n' : '\n';
      const lines = Array.from({ length: Math.floor(next() * 40) }, () => pick(LINES));
      const edited = [...lines];
      for (let k = Math.floor(next() * 4); k >= 0; k--) {
        const at = Math.floor(next() * (edited.length + 1));
        const r = next();
        if (r < 0.4) edited.splice(at, 0, pick(LINES));
        else if (r < 0.7) edited.splice(at, 1);
        else edited.splice(at, 1, `${pick(LINES)} changed`);
      }
      const before = lines.join(eol) + (next() < 0.8 ? eol : '');
      const after = edited.join(eol) + (next() < 0.8 ? eol : '');
      const boms: [boolean, boolean] = next() < 0.1 ? [next() < 0.5, next() < 0.5] : [false, false];
      const got = diffTexts(before, after, ...boms);
      const whole = reference(before, after, ...boms);
      expect({ before, after, insertions: got.insertions, deletions: got.deletions }).toEqual({ before, after, insertions: whole.insertions, deletions: whole.deletions });
      const patch = `--- a\n+++ b\n${got.hunks}`;
      expect(applyPatch((boms[0] ? BOM : '') + before, patch)).toBe((boms[1] ? BOM : '') + after);
      if (got.hunks && !got.hunks.startsWith('@@ -1,') && !got.hunks.startsWith('@@ -0,')) trimmedSomething++;
      if (got.hunks !== whole.hunks) placedElsewhere++;
    }
    expect(trimmedSomething).toBeGreaterThan(500);
    expect(placedElsewhere).toBeLessThan(300);
  });

  it('gives jsdiff’s own diff when each change has one placement (distinct lines)', () => {
    const next = random(7);
    for (let n = 0; n < 500; n++) {
      const lines = Array.from({ length: 5 + Math.floor(next() * 60) }, (_, i) => `line ${i}`);
      const edited = [...lines];
      for (let k = Math.floor(next() * 3); k >= 0; k--) {
        const at = Math.floor(next() * edited.length);
        const r = next();
        if (r < 0.3) edited.splice(at, 0, `new ${n} ${k}`);
        else if (r < 0.6) edited.splice(at, 1);
        else edited.splice(at, 1, `changed ${n} ${k}`);
      }
      const before = `${lines.join('\n')}\n`;
      const after = edited.join('\n') + (next() < 0.9 ? '\n' : '');
      expect(diffTexts(before, after)).toEqual(reference(before, after));
    }
  });

  it('numbers hunks in a long file by its own lines', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    const before = `${lines.join('\n')}\n`;
    const after = before.replace('line 100\n', 'line 100 changed\n').replace('line 150\n', '');
    expect(diffTexts(before, after)).toEqual(reference(before, after));
    expect(diffTexts(before, after).hunks).toMatch(/^@@ -98,7 \+98,7 @@\n line 97\n/);
  });
});
