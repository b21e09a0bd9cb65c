// The same as replace-marked-lines, but declares needsTypes and asks the checker in collect, so the
// unit's ts-morph Project has a program (and lib files) before --verify runs.
import { defineTransform } from '../../../src/index.js';
import plain from './replace-marked-lines.js';

export default defineTransform<Record<string, never>, Array<{ start: number; end: number; text: string }>>({
  name: 'replace-marked-lines-typed',
  summary: 'replace-marked-lines, with the type checker loaded (test transform).',
  needsTypes: true,
  collect(file, ctx) {
    const checker = ctx.getTypeChecker();
    for (const declaration of file.getVariableDeclarations()) checker.getTypeAtLocation(declaration);
    return plain.collect(file, ctx as never);
  },
  apply(file, matches, ctx) {
    return plain.apply(file, matches, ctx as never);
  },
});
