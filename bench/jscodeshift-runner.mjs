#!/usr/bin/env node
// Benchmark: the same jscodeshift transform on the same files, with jscodeshift's own runner
// (`npx jscodeshift`, jscodeshift 17 from this repository's node_modules) and with `migrate run -t`.
//
//   node bench/jscodeshift-runner.mjs [--package lodash@4.17.21] [--transform bench/jscodeshift-transform.cjs]
//                                     [--jobs N] [--runs 3] [--dry]
//
// --jobs N gives both the same parallelism (jscodeshift --cpus=N, migrate -j N); without it, both use
// their defaults (cores - 1).
//
// The corpus is the JavaScript source of an npm package, fetched with `npm pack` into .bench-cache/
// (git-ignored) on the first run. Each run gets two fresh copies in a temporary directory, both runners
// write their results (jscodeshift without --dry, migrate with --write), and the bench then checks that
// the two trees are byte-identical: the speed figures are only printed for runs with identical output.
// Wall times include process start-up, as a user sees them. Needs dist/ (npm run build).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const pkg = arg('package', 'lodash@4.17.21');
const transform = resolve(root, arg('transform', 'bench/jscodeshift-transform.cjs'));
const runs = Number(arg('runs', '3'));
const jobs = arg('jobs', undefined);
// --dry: both runners preview only (jscodeshift --dry, migrate without --write): the engines without the writers.
const dry = args.includes('--dry');

// 1. The corpus.
const cache = join(root, '.bench-cache', pkg.replace(/[^\w.@-]/g, '_'));
if (!existsSync(join(cache, 'package'))) {
  mkdirSync(cache, { recursive: true });
  const tgz = execFileSync('npm', ['pack', pkg, '--silent'], { cwd: cache, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', tgz], { cwd: cache });
}
const corpus = join(cache, 'package');
const jsFiles = listJs(corpus);
const bytes = jsFiles.reduce((n, f) => n + statSync(f).size, 0);

const jscodeshiftBin = join(root, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const migrateBin = join(root, 'bin', 'migrate.js');
if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) throw new Error('build first: npm run build');
const jscodeshiftVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'jscodeshift', 'package.json'), 'utf8')).version;

console.log(`corpus: ${pkg}, ${jsFiles.length} .js files, ${(bytes / 1024).toFixed(0)} KiB`);
console.log(`transform: ${relative(root, transform)}; node ${process.version}; ${availableParallelism()} cores`);
console.log(`jscodeshift ${jscodeshiftVersion}: npx jscodeshift -t <transform> --extensions=js --silent${dry ? ' --dry' : ''}${jobs ? ` --cpus=${jobs}` : ''} <dir>  (its defaults: babel parser, cores - 1 workers)`);
console.log(`codemigrate: migrate run -t <transform> <dir>${dry ? '' : ' --write'} --silent${jobs ? ` -j ${jobs}` : ''}  (default -j: cores - 1)${dry ? '; both dry: nothing written' : ''}`);

const times = { jscodeshift: [], migrate: [] };
const cpu = { jscodeshift: [], migrate: [] };
// CPU seconds (user + system, the process and its children) through GNU time, when it is there: on a
// shared machine the wall time depends on the other load, the CPU time much less.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const spawnTimed = (argv, options) => {
  if (!gnuTime) return { ...spawnSync(argv[0], argv.slice(1), options), cpuSeconds: NaN };
  const r = spawnSync(gnuTime, ['-f', 'CPU %U %S', ...argv], options);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { ...r, cpuSeconds: m ? Number(m[1]) + Number(m[2]) : NaN };
};
for (let i = 0; i < runs; i++) {
  const work = mkdtempSync(join(tmpdir(), 'codemigrate-bench-'));
  try {
    const a = join(work, 'jscodeshift');
    const b = join(work, 'migrate');
    cpSync(corpus, a, { recursive: true });
    cpSync(corpus, b, { recursive: true });
    // Alternate the order so that neither runner always gets the warmer disk cache.
    const order = i % 2 === 0 ? ['jscodeshift', 'migrate'] : ['migrate', 'jscodeshift'];
    for (const which of order) {
      const started = performance.now();
      const r =
        which === 'jscodeshift'
          ? spawnTimed([process.execPath, jscodeshiftBin, '-t', transform, '--extensions=js', '--silent', ...(dry ? ['--dry'] : []), ...(jobs ? [`--cpus=${jobs}`] : []), a], { cwd: work, encoding: 'utf8' })
          : spawnTimed([process.execPath, migrateBin, 'run', '-t', transform, b, ...(dry ? [] : ['--write']), '--silent', '--no-gitignore', '--extensions', 'js', ...(jobs ? ['-j', jobs] : [])], {
              cwd: work,
              encoding: 'utf8',
            });
      const ms = performance.now() - started;
      if (r.status !== 0) throw new Error(`${which} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
      times[which].push(ms);
      cpu[which].push(r.cpuSeconds);
    }
    const diff = compareTrees(a, b);
    if (diff.length) throw new Error(`run ${i + 1}: outputs differ in ${diff.length} files, e.g. ${diff.slice(0, 5).join(', ')}`);
    const changed = compareTrees(corpus, b).length;
    if (!dry && changed === 0) throw new Error('nothing was written');
    console.log(
      `run ${i + 1}: wall jscodeshift ${fmt(times.jscodeshift[i])} · migrate ${fmt(times.migrate[i])} · ratio ${(times.jscodeshift[i] / times.migrate[i]).toFixed(2)}× | CPU jscodeshift ${cpu.jscodeshift[i].toFixed(2)} s · migrate ${cpu.migrate[i].toFixed(2)} s | outputs identical (${changed} files changed)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const mj = median(times.jscodeshift);
const mm = median(times.migrate);
console.log(`median of ${runs}, wall: jscodeshift ${fmt(mj)} · migrate ${fmt(mm)} · jscodeshift / migrate = ${(mj / mm).toFixed(2)}×`);
const cj = median(cpu.jscodeshift);
const cm = median(cpu.migrate);
if (gnuTime) console.log(`median of ${runs}, CPU: jscodeshift ${cj.toFixed(2)} s · migrate ${cm.toFixed(2)} s · jscodeshift / migrate = ${(cj / cm).toFixed(2)}×`);
if (mm > mj) {
  console.log('migrate was slower than jscodeshift on this corpus');
  process.exitCode = 1;
}

function fmt(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

function listJs(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...listJs(p));
    } else if (entry.name.endsWith('.js')) out.push(p);
  }
  return out.sort();
}

function compareTrees(x, y) {
  const files = listJs(x);
  return files.filter((f) => !readFileSync(f).equals(readFileSync(join(y, relative(x, f))))).map((f) => relative(x, f));
}
