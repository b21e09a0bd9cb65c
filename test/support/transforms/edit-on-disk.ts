// A test transform that simulates someone saving a file while codemigrate runs: for a file that
// contains `edited meanwhile`, it appends a line to the file on disk during collect() (a real transform
// must never touch the disk) and then proposes a change. The writer must not overwrite that file.
import { appendFileSync } from 'node:fs';
import { defineTransform } from '../../../src/index.js';

export default defineTransform({
  name: 'edit-on-disk',
  summary: 'Change a file on disk during the run (test transform).',
  collect(file, ctx) {
    const text = file.getFullText();
    if (!text.includes('edited meanwhile')) return null;
    appendFileSync(ctx.path, '// saved by someone else\n');
    return true;
  },
  apply() {
    return [{ start: 0, end: 0, text: '// codemigrate was here\n' }];
  },
});
