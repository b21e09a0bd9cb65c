// A transform for the --verify tests: every line ending in `//@edit: <new line>` is replaced by <new line>
// (`\n` in it starts a new line; `//@edit:` with nothing after it empties the line). The test projects say in their own text
// which edits a run makes, so each scenario (an edit that breaks its own file, one that breaks an
// importer, a harmless one) is one line of fixture.
import { defineTransform } from '../../../src/index.js';

const MARK = /^(.*?)\s*\/\/@edit:(?: (.*))?$/;

export default defineTransform<Record<string, never>, Array<{ start: number; end: number; text: string }>>({
  name: 'replace-marked-lines',
  summary: 'Replace each line marked `//@edit: <new line>` with its new line (test transform).',
  collect(file, ctx) {
    const text = file.getFullText();
    const edits: Array<{ start: number; end: number; text: string }> = [];
    let start = 0;
    for (const line of text.split('\n')) {
      const m = MARK.exec(line.replace(/\r$/, ''));
      if (m) edits.push({ start, end: start + line.replace(/\r$/, '').length, text: (m[2] ?? '').replace(/\\n/g, ctx.eol) });
      start += line.length + 1;
    }
    return edits;
  },
  apply(_file, matches) {
    return matches;
  },
});
