// A test transform that takes 150 ms per file and changes nothing, so that a run lasts long enough
// for the progress line to appear.
import { defineTransform } from '../../../src/index.js';

export default defineTransform({
  name: 'slow',
  summary: 'Take 150 ms per file (test transform).',
  collect() {
    const until = Date.now() + 150;
    while (Date.now() < until) {
      // busy wait: the engine runs transforms synchronously
    }
    return null;
  },
  apply() {
    return [];
  },
});
