// A test transform that appends `// seen: <declared names>` to each file that declares variables, so a
// test can tell which text it saw (`run -t rename-foo -t append-line` must see `bar`, not `foo`).
// Idempotent: a file that already ends with such a line is left alone. Its option has a camelCase name
// (`seenLabel`, the word instead of `seen`), for the tests of option flags.
import { SyntaxKind } from 'ts-morph';
import { defineTransform, option } from '../../../src/index.js';

export default defineTransform({
  name: 'append-line',
  summary: 'Append a line that lists the declared variables (test transform).',
  options: { seenLabel: option.string({ default: 'seen', description: 'the word before the names' }) },
  collect(file, ctx) {
    const lastLine = file.getFullText().replace(/\r?\n$/, '').split('\n').pop() ?? '';
    if (lastLine.startsWith(`// ${ctx.options.seenLabel}: `)) return null;
    const names = file.getDescendantsOfKind(SyntaxKind.VariableDeclaration).map((d) => d.getName());
    return names.length ? names : null;
  },
  apply(file, names, ctx) {
    const text = file.getFullText();
    const lead = text === '' || text.endsWith('\n') ? '' : ctx.eol;
    return [{ start: text.length, end: text.length, text: `${lead}// ${ctx.options.seenLabel}: ${names.join(', ')}${ctx.eol}` }];
  },
});
