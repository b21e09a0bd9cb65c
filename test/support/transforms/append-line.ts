// A test transform that appends `// seen: <declared names>` to each file that declares variables, so a
// test can tell which text it saw (`run -t rename-foo -t append-line` must see `bar`, not `foo`).
// Idempotent: a file that already ends with such a line is left alone.
import { SyntaxKind } from 'ts-morph';
import { defineTransform } from '../../../src/index.js';

export default defineTransform({
  name: 'append-line',
  summary: 'Append a line that lists the declared variables (test transform).',
  collect(file) {
    if (/\/\/ seen: [^\n]*\r?\n?$/.test(file.getFullText())) return null;
    const names = file.getDescendantsOfKind(SyntaxKind.VariableDeclaration).map((d) => d.getName());
    return names.length ? names : null;
  },
  apply(file, names, ctx) {
    const text = file.getFullText();
    const lead = text === '' || text.endsWith('\n') ? '' : ctx.eol;
    return [{ start: text.length, end: text.length, text: `${lead}// seen: ${names.join(', ')}${ctx.eol}` }];
  },
});
