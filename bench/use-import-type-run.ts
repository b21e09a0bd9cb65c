/**
 * Runs use-import-type over every .ts file under a directory through the ts-morph engine the CLI uses
 * (one ts-morph project; the checker only if the transform asks for it) and writes the changed files back,
 * like `eslint --fix` does. Prints the CPU time of each phase.
 *   node --import tsx bench/use-import-type-run.ts <dir> <pkgRoot> [style]
 */
import { writeFileSync } from 'node:fs';
import { runTsMorphTransform, syncSourceFile } from '../src/engines/ts-morph-engine.js';
import { createWorkFile } from '../src/engines/work-file.js';
import { jsDocParsingFor } from '../src/pipeline/execute.js';
import { createProjectUnit } from '../src/project/project-unit.js';
import transform from '../transforms/use-import-type/index.js';
import { listTsFiles, readText } from './use-import-type-corpus.js';
import { corpusOptions } from './use-import-type-options.js';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};
const [dir, pkgRoot, style = 'auto'] = process.argv.slice(2) as [string, string, string?];
const t0 = cpuMs();
const unit = createProjectUnit({}, corpusOptions(pkgRoot), { inMemory: false, jsDoc: jsDocParsingFor([transform]) });
const files = listTsFiles(dir).map((p) => createWorkFile(p, readText(p), false, unit));
// Phase 1 of the engine parses each file just before analysing it; doing it here first only separates the timings.
for (const f of files) syncSourceFile(f);
const t1 = cpuMs();
// The same transform, timed: what the transform itself costs, apart from the engine's parsing.
let collectMs = 0;
let applyMs = 0;
const timedTransform: typeof transform = {
  ...transform,
  collect(file, ctx) {
    const t = cpuMs();
    try {
      return transform.collect(file, ctx);
    } finally {
      collectMs += cpuMs() - t;
    }
  },
  apply(file, matches, ctx) {
    const t = cpuMs();
    try {
      return transform.apply(file, matches, ctx);
    } finally {
      applyMs += cpuMs() - t;
    }
  },
};
runTsMorphTransform(timedTransform, { style }, files, [unit]);
const t2 = cpuMs();
let changed = 0;
for (const f of files) {
  if (!f.error && f.text !== f.original) {
    writeFileSync(f.path, f.text);
    changed++;
  }
}
process.stdout.write(
  `changed ${changed} of ${files.length} files; cpu ms: startup ${t0}, parse (ts-morph) ${t1 - t0}, engine run ${t2 - t1} ` +
    `(collect ${collectMs}, apply ${applyMs}, rest: splice + re-parse of changed files ${t2 - t1 - collectMs - applyMs})\n`,
);
