/**
 * Round trip on real code: take a package that already uses `import type` (its published src/), strip
 * every `type` modifier from imports and exports, run use-import-type, and measure
 *   recall    = authors' type marks recovered / authors' type marks,
 *   precision = type marks that the authors also had / type marks after the transform,
 * and that the JavaScript emitted (the package's compiler options as given below) is unchanged file by file,
 * except for dropped module loads that the transform reported.
 *
 *   npx tsx bench/use-import-type-roundtrip.ts [--package effect@3.22.4] [--style auto] [--verbatim]
 *
 * The sources are fetched with `npm pack` into .bench-cache/ (git-ignored) at run time; nothing of them is
 * committed. Results go to bench/results/use-import-type-roundtrip-<package>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ts } from 'ts-morph';
import { createWorkFile } from '../src/engines/work-file.js';
import { executeTransforms, toFileResult } from '../src/pipeline/execute.js';
import { createProjectUnit } from '../src/project/project-unit.js';
import transform from '../transforms/use-import-type/index.js';
import { corpusOptions } from './use-import-type-options.js';
import { clean, detype, emitJs, fetchPackage, listTsFiles, readMarks, readText, rel, ROOT, writeJson } from './use-import-type-corpus.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const spec = arg('--package') ?? 'effect@3.22.4';
const style = arg('--style') ?? 'auto';

async function main(): Promise<void> {
  const pkgRoot = fetchPackage(spec);
  const srcDir = join(pkgRoot, 'src');
  const detypedDir = join(pkgRoot, 'detyped-src');
  clean(detypedDir);
  const originals = listTsFiles(srcDir);
  const authors = new Map<string, boolean>();
  const texts = new Map<string, string>();
  for (const path of originals) {
    const r = rel(path, srcDir);
    const text = readText(path);
    for (const m of readMarks(r, text)) authors.set(m.key, m.type);
    const target = join(detypedDir, r);
    mkdirSync(dirname(target), { recursive: true });
    const stripped = detype(r, text);
    writeFileSync(target, stripped);
    texts.set(target, stripped);
  }
  const authorTypeMarks = [...authors.values()].filter(Boolean).length;
  const detypedMarks = [...texts].flatMap(([p, t]) => readMarks(rel(p, detypedDir), t)).filter((m) => m.type).length;

  // The transform, through the same engine as the CLI (a project on disk, one checker).
  const options = corpusOptions(pkgRoot);
  const unit = createProjectUnit({}, options, { inMemory: false });
  const files = [...texts].map(([p, t]) => createWorkFile(p, t, false, unit));
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  await executeTransforms([{ transform, options: { style } }], files, [unit]);
  const transformMs = performance.now() - t0;
  const rssAfter = process.memoryUsage().rss;
  const results = files.map(toFileResult);

  // Marks after the transform.
  const ours = new Map<string, boolean>();
  const after = new Map<string, string>();
  for (const r of results) {
    after.set(r.path, r.after);
    for (const m of readMarks(rel(r.path, detypedDir), r.after)) ours.set(m.key, m.type);
  }
  let both = 0;
  let oursOnly = 0;
  let authorsOnly = 0;
  const missed: string[] = [];
  const extra: string[] = [];
  for (const [key, authorType] of authors) {
    const ourType = ours.get(key);
    if (ourType === undefined) continue;
    if (authorType && ourType) both++;
    else if (authorType) {
      authorsOnly++;
      missed.push(key);
    } else if (ourType) {
      oursOnly++;
      extra.push(key);
    }
  }
  const recall = both / (both + authorsOnly);
  const precision = both / (both + oursOnly);

  // A second run over the output (a fresh project) must change nothing.
  const unit2 = createProjectUnit({}, options, { inMemory: false });
  const second = results.map((r) => createWorkFile(r.path, r.after, false, unit2));
  for (const r of results) writeFileSync(r.path, r.after);
  await executeTransforms([{ transform, options: { style } }], second, [unit2]);
  const secondRunChanged = second.map(toFileResult).filter((r) => r.status === 'changed').map((r) => rel(r.path, detypedDir));
  for (const [p, t] of texts) writeFileSync(p, t);

  // Warnings by kind.
  const warningKinds: Record<string, number> = {};
  for (const r of results) {
    for (const w of r.warnings) {
      const kind = w.message.replace(/[`'][^`']*[`']/g, '…').slice(0, 80);
      warningKinds[kind] = (warningKinds[kind] ?? 0) + 1;
    }
  }

  // Emit: before (de-typed) and after, file by file.
  const t1 = performance.now();
  const jsBefore = emitJs(texts, options);
  const jsAfter = emitJs(after, options);
  const emitMs = performance.now() - t1;
  let identical = 0;
  let explained = 0;
  const unexplained: Array<{ file: string; removed: string[]; added: string[] }> = [];
  for (const [path, js] of jsBefore) {
    const now = jsAfter.get(path);
    if (now === js) {
      identical++;
      continue;
    }
    const r = results.find((x) => x.path === path)!;
    const reported = r.warnings
      .map((w) => /(?:dropped module load|runtime import removed): '([^']+)'/.exec(w.message)?.[1])
      .filter((m): m is string => !!m);
    const oldLines = js.split('\n');
    const newLines = (now ?? '').split('\n');
    const removed: string[] = [];
    let j = 0;
    for (const line of oldLines) {
      if (j < newLines.length && newLines[j] === line) j++;
      else removed.push(line);
    }
    const added = j === newLines.length ? [] : newLines.slice(j);
    // tsc drops the leading comments of an elided statement with it (e.g. a module's header JSDoc).
    const isComment = (line: string): boolean => /^\s*(\/\*\*?|\*\/|\*|\/\/)/.test(line);
    const statements = removed.filter((line) => !isComment(line));
    const ok =
      added.length === 0 &&
      statements.length > 0 &&
      statements.every((line) => {
        const m = /^(?:import|export) .*from ["']([^"']+)["'];?$|^import ["']([^"']+)["'];?$/.exec(line);
        return !!m && reported.includes((m[1] ?? m[2])!);
      });
    if (ok) explained++;
    else unexplained.push({ file: rel(path, detypedDir), removed: removed.slice(0, 5), added: added.slice(0, 5) });
  }

  // Optional: the transformed project under verbatimModuleSyntax (a full type-check; slow, not part of the transform).
  let verbatim: Record<string, number> | undefined;
  if (args.includes('--verbatim')) {
    const codes = new Set([1484, 1485, 1205, 1272, 1448, 1288, 1292, 1380]);
    const count = (files: Map<string, string>): number => {
      const host = ts.createCompilerHost(options);
      const read = host.readFile.bind(host);
      host.readFile = (f) => files.get(f) ?? read(f);
      const p = ts.createProgram([...files.keys()], { ...options, verbatimModuleSyntax: true, noEmit: true }, host);
      return p.getSemanticDiagnostics().filter((d) => codes.has(d.code)).length;
    };
    verbatim = { detypedTypeOnlyErrors: count(texts), afterTypeOnlyErrors: count(after) };
  }

  const summary = {
    package: spec,
    style,
    date: new Date().toISOString(),
    typescript: ts.version,
    files: results.length,
    lines: [...texts.values()].reduce((n, t) => n + t.split('\n').length, 0),
    statuses: results.reduce<Record<string, number>>((acc, r) => ((acc[r.status] = (acc[r.status] ?? 0) + 1), acc), {}),
    authorTypeMarks,
    marksLeftAfterDetype: detypedMarks,
    recall: Number(recall.toFixed(4)),
    precision: Number(precision.toFixed(4)),
    recovered: both,
    missed: authorsOnly,
    added: oursOnly,
    transformMs: Math.round(transformMs),
    rssGrowthMB: Math.round((rssAfter - rssBefore) / 2 ** 20),
    secondRunChanged: secondRunChanged.length,
    secondRunChangedFiles: secondRunChanged.slice(0, 10),
    emit: { files: jsBefore.size, identical, explainedByReportedDroppedLoads: explained, unexplained: unexplained.length, emitMs: Math.round(emitMs) },
    verbatim,
    warningKinds,
    examplesMissed: missed.slice(0, 40),
    examplesAdded: extra.slice(0, 40),
    examplesUnexplainedEmit: unexplained.slice(0, 10),
    failures: results.filter((r) => r.status === 'failed').map((r) => ({ file: rel(r.path, detypedDir), error: r.error?.message })).slice(0, 10),
  };
  const out = join(ROOT, 'bench', 'results', `use-import-type-roundtrip-${spec.replace(/[^a-zA-Z0-9.-]/g, '_')}-${style}.json`);
  writeJson(out, summary);
  const { examplesMissed, examplesAdded, examplesUnexplainedEmit, warningKinds: _w, failures, ...head } = summary;
  process.stdout.write(`${JSON.stringify(head, null, 2)}\nfull results: ${rel(out, ROOT)}\n`);
  void examplesMissed;
  void examplesAdded;
  void examplesUnexplainedEmit;
  void failures;
}

await main();
