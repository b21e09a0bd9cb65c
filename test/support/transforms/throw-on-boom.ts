// A test transform that throws on files that mention `boom`: one failing file must not stop the run,
// and the report must name the file, the message and the line of this file that threw.
import { defineTransform } from '../../../src/index.js';

export default defineTransform({
  name: 'throw-on-boom',
  summary: 'Throw on files that mention boom (test transform).',
  collect(file) {
    if (file.getFullText().includes('boom')) explode(file.getBaseName());
    return null;
  },
  apply() {
    return [];
  },
});

function explode(name: string): never {
  throw new Error(`boom in ${name}`); // THROW-LINE
}
