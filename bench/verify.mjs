#!/usr/bin/env node
// Measures what --verify costs, against `tsc --noEmit` on the same files in the same run.
//
//   npm run build && node bench/verify.mjs [--package rxjs@7.8.2] [--reps 3] [--tsconfig '<compilerOptions json>']
//                                          [--scenarios many,few,breaking,many-breaking,typed] [--deps]
// --deps installs the package's own dependencies into the temporary project (npm install, scripts off),
// so that its sources type-check as they do upstream.
//
// 1. `npm pack <package>` into .bench-cache/verify/ (git-ignored) unless it is there; its src/ is copied
//    into a temporary project with a tsconfig (strict, noEmit, skipLibCheck).
// 2. Each repetition runs, in fresh processes and in rotating order:
//    - tsc: node_modules/typescript/bin/tsc --noEmit -p <project> --extendedDiagnostics
//    - codemigrate's pipeline steps as run() calls them (dist/, nothing written) with the
//      bench/verify-touch.ts transform (or its type-aware twin) in the scenarios below; the child
//      measures wall and CPU time of the verify step itself (process.cpuUsage around verifyResults).
// 3. Prints medians: the verify step's CPU time against tsc's process CPU time (user + sys, from
//    /usr/bin/time), and its wall time against tsc's own "Total time".
// On a busy machine wall times are noisy (other processes take the CPU); CPU time is the steadier figure.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const touch = join(root, 'bench', 'verify-touch.ts');

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], JSON.parse(process.argv[5]));
} else {
  await main();
}

/**
 * One run of the pipeline's steps as run() does them (resolve transforms, load project, execute,
 * verify), in this process; prints wall and CPU time of the transform and verify steps, and what
 * verify did, as JSON.
 */
async function child(project, transformFile, options) {
  const dist = (p) => import(join(root, 'dist/src', p));
  const { resolveTransformRuns } = await dist('pipeline/run.js');
  const { loadProject } = await dist('project/load-project.js');
  const { executeTransforms, toFileResult } = await dist('pipeline/execute.js');
  const { verifyResults } = await dist('pipeline/verify.js');
  const measure = async (fn) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const value = await fn();
    const used = process.cpuUsage(cpu);
    return { value, wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
  const runs = await resolveTransformRuns([transformFile], options, project);
  const loaded = await loadProject({ cwd: project, paths: [] });
  const notes = [];
  const transform = await measure(() => executeTransforms(runs, loaded.files, loaded.units));
  const results = loaded.files.map(toFileResult);
  const stats = { changedFiles: 0, checkedAfter: 0, checkedBefore: 0, rounds: 0, reverted: 0, ms: {} };
  const verify = await measure(() => verifyResults(results, loaded.files, loaded.units, { cwd: project, notes, stats }));
  process.stdout.write(
    JSON.stringify({
      transform: { wallMs: transform.wallMs, cpuMs: transform.cpuMs },
      verify: { wallMs: verify.wallMs, cpuMs: verify.cpuMs },
      stats,
      changed: verify.value.filter((r) => r.status === 'changed').length,
      reverted: verify.value.filter((r) => r.status === 'reverted').map((r) => ({ path: r.path.slice(project.length + 1), reason: r.reason, diagnostics: r.diagnostics.length })),
      notes: notes.map((n) => n.message),
    }),
  );
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const spec = flag('--package', 'rxjs@7.8.2');
  const reps = Number(flag('--reps', '3'));
  if (!existsSync(join(root, 'dist/src/pipeline/run.js'))) throw new Error('build first: npx tsc -p tsconfig.build.json');

  const cache = join(root, '.bench-cache', 'verify');
  mkdirSync(cache, { recursive: true });
  const [name, version] = spec.startsWith('@') ? [`@${spec.slice(1).split('@')[0]}`, spec.slice(1).split('@')[1]] : spec.split('@');
  const tgzName = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
  if (!existsSync(join(cache, tgzName))) execFileSync('npm', ['pack', spec, '--silent'], { cwd: cache, stdio: ['ignore', 'ignore', 'inherit'] });
  const extracted = join(cache, tgzName.replace(/\.tgz$/, ''));
  if (!existsSync(join(extracted, 'package'))) {
    mkdirSync(extracted, { recursive: true });
    execFileSync('tar', ['xzf', join(cache, tgzName), '-C', extracted]);
  }

  const project = mkdtempSync(join(tmpdir(), 'verify-bench-'));
  cpSync(join(extracted, 'package', 'src'), join(project, 'src'), { recursive: true });
  const compilerOptions = JSON.parse(
    flag(
      '--tsconfig',
      JSON.stringify({
        strict: true,
        target: 'ES2018',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2018', 'DOM'],
        noEmit: true,
        skipLibCheck: true,
        paths: { [name]: ['./src/index.ts'], [`${name}/*`]: ['./src/*'] },
      }),
    ),
  );
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src/**/*.ts'] }, null, 2));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  if (args.includes('--deps')) {
    const pkg = JSON.parse(readFileSync(join(extracted, 'package', 'package.json'), 'utf8'));
    const deps = Object.entries(pkg.dependencies ?? {}).map(([n, range]) => `${n}@${range}`);
    if (deps.length) execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--silent', ...deps], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const fileCount = countTs(join(project, 'src'));
  const leaves = pickLeaves(project);

  const typed = join(root, 'bench', 'verify-touch-typed.ts');
  const wantedScenarios = flag('--scenarios', 'many,few,breaking,many-breaking,typed').split(',');
  const scenarios = [
    { key: 'many', id: 'many (every file edited)', options: { every: 1 }, transform: touch },
    { key: 'few', id: 'few (3 leaf files edited)', options: { only: leaves.join(',') }, transform: touch },
    { key: 'breaking', id: 'one breaking edit (isFunction renamed)', options: { every: 0, breakExport: 'isFunction' }, transform: touch },
    { key: 'many-breaking', id: 'many + one breaking edit', options: { every: 1, breakExport: 'isFunction' }, transform: touch },
    { key: 'typed', id: 'many, type-aware transform (program already built)', options: { every: 1 }, transform: typed },
  ].filter((sc) => wantedScenarios.includes(sc.key));
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const samples = new Map();
  const add = (id, sample) => samples.set(id, [...(samples.get(id) ?? []), sample]);
  const tasks = [{ id: 'tsc --noEmit' }, ...scenarios];
  console.log(`${spec}: ${fileCount} .ts files in ${project}; ${reps} repetitions; few = ${leaves.join(', ')}`);
  for (let rep = 0; rep < reps; rep++) {
    const order = tasks.map((_, i) => tasks[(i + rep) % tasks.length]);
    for (const task of order) {
      const command = task.options
        ? [process.execPath, fileURLToPath(import.meta.url), '--child', project, task.transform, JSON.stringify(task.options)]
        : [process.execPath, join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project, '--extendedDiagnostics'];
      const started = performance.now();
      const result = time
        ? spawnSync(time, ['-f', 'CPU %U %S', ...command], { encoding: 'utf8', maxBuffer: 1 << 26 })
        : spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
      const wallMs = performance.now() - started;
      const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? '');
      const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN;
      if (task.options) {
        if (result.status !== 0) throw new Error(`${task.id} failed:\n${result.stderr}`);
        const out = JSON.parse(result.stdout);
        add(task.id, { wallMs, cpuMs, out });
      } else {
        const total = /Total time:\s+([\d.]+)s/.exec(result.stdout);
        const errors = (result.stdout.match(/error TS\d+/g) ?? []).length;
        add(task.id, { wallMs, cpuMs, totalMs: total ? Number(total[1]) * 1000 : NaN, errors });
      }
    }
  }

  const median = (values) => {
    const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
  };
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const tsc = samples.get('tsc --noEmit');
  const tscTotal = median(tsc.map((x) => x.totalMs));
  const tscWall = median(tsc.map((x) => x.wallMs));
  const tscCpu = median(tsc.map((x) => x.cpuMs));
  console.log(`\ntsc --noEmit: own "Total time" ${s(tscTotal)} · process wall ${s(tscWall)} · process CPU ${s(tscCpu)} · ${tsc[0].errors} error(s) reported`);
  console.log('verify step (medians): CPU, and its ratio to tsc\'s process CPU · wall, and its ratio to tsc\'s own Total time');
  for (const sc of scenarios) {
    const list = samples.get(sc.id);
    const cpu = median(list.map((x) => x.out.verify.cpuMs));
    const wall = median(list.map((x) => x.out.verify.wallMs));
    const transformCpu = median(list.map((x) => x.out.transform.cpuMs));
    const last = list.at(-1).out;
    const st = last.stats;
    console.log(
      `${sc.id}: verify CPU ${s(cpu)} = ${(cpu / tscCpu).toFixed(2)}× · wall ${s(wall)} = ${(wall / tscTotal).toFixed(2)}× · (transform step CPU ${s(transformCpu)}) · ` +
        `changed ${last.changed}, reverted ${last.reverted.length}; checked ${st.checkedAfter} after / ${st.checkedBefore} before in ${st.rounds} round(s)`,
    );
    console.log(`    steps of the last run: ${Object.entries(st.ms).map(([k, v]) => `${k} ${s(v)}`).join(', ')}`);
    for (const r of last.reverted) console.log(`    reverted ${r.path} (${r.diagnostics} diagnostics): ${r.reason.slice(0, 200)}${r.reason.length > 200 ? '…' : ''}`);
    for (const n of last.notes) console.log(`    note: ${n}`);
  }
  for (const [id, list] of samples) {
    console.log(`raw ${id}: ${list.map((x) => (x.out ? `cpu ${s(x.out.verify.cpuMs)} wall ${s(x.out.verify.wallMs)}` : `cpu ${s(x.cpuMs)} total ${s(x.totalMs)}`)).join(' | ')}`);
  }
  rmSync(project, { recursive: true, force: true });
}

function countTs(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countTs(join(dir, entry.name));
    else if (entry.name.endsWith('.ts')) n++;
  }
  return n;
}

/**
 * Three files few others import: for rxjs, operator files only index files import; for other packages,
 * the first three top-level modules whose name appears in the fewest other files' import specifiers.
 */
function pickLeaves(project) {
  const wanted = ['src/internal/operators/bufferTime.ts', 'src/internal/operators/windowTime.ts', 'src/internal/observable/dom/animationFrames.ts'];
  const present = wanted.filter((p) => existsSync(join(project, p)));
  if (present.length) return present;
  const top = readdirSync(join(project, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'index.ts');
  const texts = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.ts')) texts.push(readFileSync(join(dir, entry.name), 'utf8'));
    }
  };
  walk(join(project, 'src'));
  const importers = (file) => {
    const base = file.replace(/\.ts$/, '');
    return texts.filter((t) => t.includes(`/${base}.js"`) || t.includes(`/${base}.js'`) || t.includes(`/${base}"`) || t.includes(`/${base}'`)).length;
  };
  return top
    .map((f) => ({ f, n: importers(f) }))
    .sort((a, b) => a.n - b.n)
    .slice(0, 3)
    .map(({ f }) => `src/${f}`);
}
