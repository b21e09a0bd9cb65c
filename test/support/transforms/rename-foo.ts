// A small transform used only by the runner's tests: renames identifiers `foo` to `bar`, warns on `foo` in strings.
import { SyntaxKind } from 'ts-morph';
import { defineTransform, option } from '../../../src/index.js';

export default defineTransform({
  name: 'rename-foo',
  summary: 'Rename identifiers `foo` to `bar` (test transform).',
  options: { to: option.string({ default: 'bar', description: 'the new name' }) },
  collect(file, ctx) {
    for (const s of file.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
      if (s.getLiteralText() === 'foo') ctx.warn(s, 'left alone: "foo" in a string');
    }
    return file.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => id.getText() === 'foo').map((id) => [id.getStart(), id.getEnd()] as const);
  },
  apply(_file, matches, ctx) {
    return matches.map(([start, end]) => ({ start, end, text: ctx.options.to }));
  },
});
