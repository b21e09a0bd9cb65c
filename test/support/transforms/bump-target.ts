// A test transform with a project-level step: finish() rewrites `"target": "ES2019"` to "ES2022" in
// each loaded tsconfig and leaves a note, so the runner's handling of project file edits can be tested.
import { defineTransform } from '../../../src/index.js';

export default defineTransform({
  name: 'bump-target',
  summary: 'Bump the tsconfig target from ES2019 to ES2022 (test transform).',
  collect() {
    return null;
  },
  apply() {
    return [];
  },
  finish(ctx) {
    for (const { info } of ctx.projects) {
      if (!info.tsconfigPath || !info.tsconfigText?.includes('"ES2019"')) continue;
      ctx.editFile(info.tsconfigPath, info.tsconfigText.replace('"ES2019"', '"ES2022"'));
      ctx.note('raised the target to ES2022', info.tsconfigPath);
    }
  },
});
