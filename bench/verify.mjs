#!/usr/bin/env node
// Measures what --verify costs, against `tsc --noEmit` on the same files in the same run.
//
//   npm run build && node bench/verify.mjs [--package rxjs@7.8.2] [--reps 3] [--tsconfig '<json>']
//
// 1. `npm pack <package>` into .bench-cache/verify/ (git-ignored) unless it is there; its src/ is copied
//    into a temporary project with a tsconfig (strict, noEmit, skipLibCheck).
// 2. Each repetition runs, in fresh processes and in rotating order:
//    - tsc: node_modules/typescript/bin/tsc --noEmit -p <project> --extendedDiagnostics
//    - codemigrate's pipeline (dist/src/pipeline/run.js, preview mode, nothing written) with the
//      bench/verify-touch.ts transform, with and without verify, in the scenarios below.
// 3. Prints the medians: tsc's own "Total time" and wall time, the pipeline's verify phase (timings.verify),
//    and CPU seconds (user + sys of the process, from /usr/bin/time when present).
// Wall times on a busy machine are noisy; the ratios are taken within one run, and CPU time is printed too.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const touch = join(root, 'bench', 'verify-touch.ts');

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4] === 'true', JSON.parse(process.argv[5]));
} else {
  await main();
}

/** One pipeline run in this process; prints its timings as JSON. */
async function child(project, verify, options) {
  const { run } = await import(join(root, 'dist/src/pipeline/run.js'));
  const started = performance.now();
  const outcome = await run({ cwd: project, transforms: [touch], options, mode: 'preview', verify });
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      timings: outcome.timings,
      totals: outcome.summary.totals,
      reverted: outcome.summary.files.filter((f) => f.status === 'reverted').map((f) => ({ path: f.path, reason: f.reason, diagnostics: f.diagnostics.length })),
      notes: outcome.summary.notes.map((n) => n.message),
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
  const fileCount = countTs(join(project, 'src'));
  const leaves = pickLeaves(project);

  const scenarios = [
    { id: 'many, verify', options: { every: 1 }, verify: true },
    { id: 'many, no verify', options: { every: 1 }, verify: false },
    { id: 'few (3 leaf files), verify', options: { only: leaves.join(',') }, verify: true },
    { id: 'few (3 leaf files), no verify', options: { only: leaves.join(',') }, verify: false },
    { id: 'one breaking edit (isFunction renamed), verify', options: { every: 0, breakExport: 'isFunction' }, verify: true },
    { id: 'many + one breaking edit, verify', options: { every: 1, breakExport: 'isFunction' }, verify: true },
  ];
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const samples = new Map();
  const add = (id, sample) => samples.set(id, [...(samples.get(id) ?? []), sample]);
  const tasks = [{ id: 'tsc --noEmit' }, ...scenarios];
  console.log(`${spec}: ${fileCount} .ts files in ${project}; ${reps} repetitions; few = ${leaves.join(', ')}`);
  for (let rep = 0; rep < reps; rep++) {
    const order = tasks.map((_, i) => tasks[(i + rep) % tasks.length]);
    for (const task of order) {
      const command = task.options
        ? [process.execPath, fileURLToPath(import.meta.url), '--child', project, String(task.verify), JSON.stringify(task.options)]
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
        add(task.id, { wallMs, cpuMs, verifyMs: out.timings.verify ?? 0, totalMs: out.ms, out });
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
  console.log(`\ntsc --noEmit: own "Total time" ${s(tscTotal)} · wall ${s(tscWall)} · CPU ${s(tscCpu)} · ${tsc[0].errors} error(s) reported`);
  for (const sc of scenarios) {
    const list = samples.get(sc.id);
    const verifyMs = median(list.map((x) => x.verifyMs));
    const line = [`${sc.id}:`, `pipeline ${s(median(list.map((x) => x.totalMs)))}`, `CPU ${s(median(list.map((x) => x.cpuMs)))}`];
    if (sc.verify) line.push(`verify phase ${s(verifyMs)} = ${(verifyMs / tscTotal).toFixed(2)}× tsc Total, ${(verifyMs / tscWall).toFixed(2)}× tsc wall`);
    const last = list.at(-1).out;
    line.push(`(changed ${last.totals.changed}, reverted ${last.totals.reverted})`);
    console.log(line.join(' · '));
    for (const r of last.reverted) console.log(`    reverted ${r.path}: ${r.reason} (${r.diagnostics} diagnostics)`);
    for (const n of last.notes) console.log(`    note: ${n}`);
  }
  for (const [id, list] of samples) console.log(`raw ${id}: ${list.map((x) => `${s(x.verifyMs ?? x.totalMs)}/${s(x.wallMs)}`).join(', ')}`);
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

/** Three operator files that only index files import (rxjs); for other packages, the first three files. */
function pickLeaves(project) {
  const wanted = ['src/internal/operators/bufferTime.ts', 'src/internal/operators/windowTime.ts', 'src/internal/observable/dom/animationFrames.ts'];
  const present = wanted.filter((p) => existsSync(join(project, p)));
  if (present.length) return present;
  return readdirSync(join(project, 'src')).filter((f) => f.endsWith('.ts')).slice(0, 3).map((f) => `src/${f}`);
}
