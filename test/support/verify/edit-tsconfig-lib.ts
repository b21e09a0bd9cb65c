// A transform for the --verify tests with only a project-level step: in each loaded tsconfig it turns
// `"lib": ["ES2022"]` into `"lib": ["ES2023"]` (as use-disposable-stack adds a lib its edits need).
import { defineTransform } from '../../../src/index.js';

export default defineTransform({
  name: 'edit-tsconfig-lib',
  summary: 'Raise "lib" from ES2022 to ES2023 in the tsconfig (test transform).',
  collect() {
    return undefined;
  },
  apply() {
    return [];
  },
  finish(ctx) {
    for (const { info } of ctx.projects) {
      if (info.tsconfigPath && info.tsconfigText?.includes('"lib": ["ES2022"]')) {
        ctx.editFile(info.tsconfigPath, info.tsconfigText.replace('"lib": ["ES2022"]', '"lib": ["ES2023"]'));
      }
    }
  },
});
