// A test transform with a project-level step: finish() rewrites `"target": "ES2019"` to "ES2022" in
// each loaded tsconfig and leaves a note, so the runner's handling of project file edits can be tested.
// With `--explode=true`, finish() throws instead; collect() skips files that mention `skip me`.
import { defineTransform, option } from '../../../src/index.js';

export default defineTransform({
  name: 'bump-target',
  summary: 'Bump the tsconfig target from ES2019 to ES2022 (test transform).',
  options: { explode: option.boolean({ default: false, description: 'throw in finish()' }) },
  collect(file, ctx) {
    if (file.getFullText().includes('skip me')) ctx.skip('asked to');
    return null;
  },
  apply() {
    return [];
  },
  finish(ctx) {
    if (ctx.options.explode) throw new Error('finish exploded');
    for (const { info } of ctx.projects) {
      if (!info.tsconfigPath || !info.tsconfigText?.includes('"ES2019"')) continue;
      ctx.editFile(info.tsconfigPath, info.tsconfigText.replace('"ES2019"', '"ES2022"'));
      ctx.note('raised the target to ES2022', info.tsconfigPath);
    }
  },
});
