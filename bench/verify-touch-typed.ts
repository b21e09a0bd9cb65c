// bench/verify-touch.ts with needsTypes: it asks the checker for the type of every variable declaration
// in collect, so the run has already built a program (and parsed the lib files) when --verify starts.
import { defineTransform } from '../src/index.js';
import touch from './verify-touch.js';

export default defineTransform({
  ...touch,
  name: 'verify-touch-typed',
  summary: 'verify-touch, with the type checker loaded (bench transform for --verify).',
  needsTypes: true,
  collect(file, ctx) {
    const checker = ctx.getTypeChecker();
    for (const declaration of file.getVariableDeclarations()) checker.getTypeAtLocation(declaration);
    return touch.collect(file, ctx);
  },
});
