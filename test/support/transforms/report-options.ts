// A test transform that changes nothing and warns, once per file, which tsconfig and compiler options
// the file was given: `tsconfig <path or none> target=<n> strict=<bool>`.
import { defineTransform } from '../../../src/index.js';

export default defineTransform({
  name: 'report-options',
  summary: 'Warn with the compiler options each file gets (test transform).',
  collect(file, ctx) {
    const o = ctx.compilerOptions;
    ctx.warn(0, `tsconfig ${ctx.projectInfo.tsconfigPath ?? 'none'} target=${o.target} strict=${o.strict === true}`);
    return null;
  },
  apply() {
    return [];
  },
});
