/**
 * Runs use-import-type over every .ts file under a directory through the engine the CLI uses (one
 * ts-morph project, one checker) and writes the changed files back, like `eslint --fix` does.
 *   node --import tsx bench/use-import-type-run.ts <dir> <pkgRoot> [style]
 */
import { writeFileSync } from 'node:fs';
import { createWorkFile } from '../src/engines/work-file.js';
import { executeTransforms, toFileResult } from '../src/pipeline/execute.js';
import { createProjectUnit } from '../src/project/project-unit.js';
import transform from '../transforms/use-import-type/index.js';
import { corpusOptions } from './use-import-type-options.js';
import { listTsFiles, readText } from './use-import-type-corpus.js';

const [dir, pkgRoot, style = 'auto'] = process.argv.slice(2) as [string, string, string?];
const unit = createProjectUnit({}, corpusOptions(pkgRoot), { inMemory: false });
const files = listTsFiles(dir).map((p) => createWorkFile(p, readText(p), false, unit));
await executeTransforms([{ transform, options: { style } }], files, [unit]);
let changed = 0;
for (const r of files.map(toFileResult)) {
  if (r.status === 'changed') {
    writeFileSync(r.path, r.after);
    changed++;
  }
}
process.stdout.write(`changed ${changed} of ${files.length} files\n`);
