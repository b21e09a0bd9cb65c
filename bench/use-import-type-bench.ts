/**
 * Speed and memory of use-import-type against the tools users would otherwise run, on the same de-typed
 * sources in the same run (see use-import-type-roundtrip.ts for how they are de-typed):
 *   - floor:            a bare TypeScript parse of every file
 *   - codemigrate:      `migrate use-import-type --write --no-verify` (the CLI from dist/, as users run it; the
 *                       tsconfig is the one eslint-typed gets), writing changes like eslint --fix
 *   - codemigrate-engine: the same transform through the engine alone (bench/use-import-type-run.ts), which
 *                       prints the CPU time of each phase
 *   - eslint-syntactic: eslint --fix with typescript-eslint consistent-type-imports (no type information)
 *   - eslint-typed:     eslint --fix with consistent-type-imports + consistent-type-exports (type information)
 *   - biome:            biome lint --write with useImportType + useExportType
 * Each tool runs in its own process on its own fresh copy, under /usr/bin/time -v (wall, user+sys CPU, peak RSS).
 * The tools are installed at pinned versions into .bench-cache/uit-tools (git-ignored) on the first run.
 * Also reports each tool's recall/precision against the authors' marks, from the files it wrote.
 *
 *   npx tsx bench/use-import-type-bench.ts [--package effect@3.22.4] [--runs 3] [--eslint-runs 1] [--only floor,codemigrate]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { CORPUS_TSCONFIG } from './use-import-type-options.js';
import { CACHE, clean, detype, fetchPackage, listTsFiles, readMarks, readText, rel, ROOT, writeJson } from './use-import-type-corpus.js';

const TOOLS = { eslint: '10.15.0', 'typescript-eslint': '8.73.0', '@biomejs/biome': '2.6.8', typescript: '6.0.3' } as const;

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const spec = arg('--package') ?? 'effect@3.22.4';
const runs = Number(arg('--runs') ?? '1');
// eslint takes half a minute or more per run: once, unless asked.
const eslintRuns = Number(arg('--eslint-runs') ?? '1');
const only = arg('--only')?.split(',');

function ensureTools(): string {
  const dir = join(CACHE, 'uit-tools');
  const ok = Object.entries(TOOLS).every(([name, version]) => {
    try {
      return (JSON.parse(readText(join(dir, 'node_modules', name, 'package.json'))) as { version: string }).version === version;
    } catch {
      return false;
    }
  });
  if (!ok) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name":"uit-tools","private":true,"type":"module"}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '-E', ...Object.entries(TOOLS).map(([n, v]) => `${n}@${v}`)], { cwd: dir, stdio: 'ignore' });
  }
  return dir;
}

interface Measure {
  wallS: number;
  cpuS: number;
  maxRssMB: number;
  exit: number;
  stdoutTail: string;
}

function timed(cmd: string, cmdArgs: string[], cwd: string): Measure {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...cmdArgs], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const err = r.stderr;
  const num = (re: RegExp): number => Number(re.exec(err)?.[1] ?? NaN);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
  const wallS = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  return {
    wallS: Number(wallS.toFixed(2)),
    cpuS: Number((num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)).toFixed(2)),
    maxRssMB: Math.round(num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024),
    exit: num(/Exit status: (\d+)/),
    stdoutTail: (r.stdout ?? '').trim().split('\n').slice(-2).join(' | ').slice(0, 300),
  };
}

function main(): void {
  const pkgRoot = fetchPackage(spec);
  const tools = ensureTools();
  const srcDir = join(pkgRoot, 'src');
  // De-typed sources and the authors' marks (same procedure as the round-trip script).
  const detyped = join(pkgRoot, 'bench-detyped', 'src');
  clean(detyped);
  const authors = new Map<string, boolean>();
  for (const path of listTsFiles(srcDir)) {
    const r = rel(path, srcDir);
    const text = readText(path);
    for (const m of readMarks(r, text)) authors.set(m.key, m.type);
    mkdirSync(join(detyped, r, '..'), { recursive: true });
    writeFileSync(join(detyped, r), detype(r, text));
  }
  const files = listTsFiles(detyped).length;

  const node = process.execPath;
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
  const eslintBin = join(tools, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const biomeBin = join(tools, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  const tseslint = join(tools, 'node_modules', 'typescript-eslint', 'dist', 'index.js');
  const eslintConfig = (typed: boolean): string =>
    [
      `import tseslint from ${JSON.stringify(tseslint)};`,
      'export default [{',
      "  files: ['src/**/*.ts'],",
      `  languageOptions: { parser: tseslint.parser, parserOptions: ${typed ? '{ project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname }' : '{}'} },`,
      "  plugins: { '@typescript-eslint': tseslint.plugin },",
      `  rules: { '@typescript-eslint/consistent-type-imports': 'error'${typed ? ", '@typescript-eslint/consistent-type-exports': 'error'" : ''} },`,
      '}];',
      '',
    ].join('\n');

  const setups: Array<{ name: string; prepare(dir: string): void; run(dir: string): Measure }> = [
    {
      name: 'floor (bare TypeScript parse)',
      prepare() {},
      run: (dir) => timed(node, ['--import', tsx, join(ROOT, 'bench', 'use-import-type-parse.ts'), join(dir, 'src')], ROOT),
    },
    {
      name: 'codemigrate: migrate use-import-type --write --no-verify',
      prepare: (dir) => writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(CORPUS_TSCONFIG, null, 2)}\n`),
      // The corpus lives under .bench-cache/, which this repository's .gitignore excludes.
      run: (dir) => timed(node, [join(ROOT, 'bin', 'migrate.js'), 'use-import-type', '--write', '--no-verify', '--no-gitignore', '--allow-dirty', 'src'], dir),
    },
    {
      name: 'codemigrate engine alone (phases timed)',
      prepare() {},
      run: (dir) => timed(node, ['--import', tsx, join(ROOT, 'bench', 'use-import-type-run.ts'), join(dir, 'src'), pkgRoot], ROOT),
    },
    {
      name: 'eslint + typescript-eslint consistent-type-imports (syntactic)',
      prepare: (dir) => writeFileSync(join(dir, 'eslint.config.mjs'), eslintConfig(false)),
      run: (dir) => timed(node, [eslintBin, '--fix', '--no-warn-ignored', 'src'], dir),
    },
    {
      name: 'eslint + typescript-eslint consistent-type-imports + consistent-type-exports (type information)',
      prepare: (dir) => {
        writeFileSync(join(dir, 'eslint.config.mjs'), eslintConfig(true));
        writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(CORPUS_TSCONFIG, null, 2)}\n`);
      },
      run: (dir) => timed(node, [eslintBin, '--fix', '--no-warn-ignored', 'src'], dir),
    },
    {
      name: 'biome useImportType + useExportType',
      prepare: (dir) => writeFileSync(join(dir, 'biome.json'), '{ "vcs": { "enabled": false }, "files": { "maxSize": 10485760 } }\n'),
      run: (dir) => timed(biomeBin, ['lint', '--write', '--only=style/useImportType', '--only=style/useExportType', '--max-diagnostics=0', 'src'], dir),
    },
  ];
  const keys = ['floor', 'codemigrate', 'codemigrate-engine', 'eslint-syntactic', 'eslint-typed', 'biome'];

  const results: Array<Record<string, unknown>> = [];
  setups.forEach((setup, i) => {
    const key = keys[i]!;
    if (only && !only.includes(key)) return;
    const measures: Measure[] = [];
    let quality: Record<string, number> | undefined;
    // eslint `--eslint-runs` times (default once); the others `--runs` times; best of and median.
    for (let n = 0; n < (key.startsWith('eslint') ? eslintRuns : runs); n++) {
      // Inside the package, so that its node_modules resolve.
      const dir = join(pkgRoot, `bench-${key}`);
      clean(dir);
      cpSync(detyped, join(dir, 'src'), { recursive: true });
      setup.prepare(dir);
      const m = setup.run(dir);
      measures.push(m);
      process.stdout.write(`${setup.name}: ${JSON.stringify(m)}\n`);
      if (key !== 'floor' && n === 0) {
        let both = 0;
        let authorsOnly = 0;
        let oursOnly = 0;
        for (const path of listTsFiles(join(dir, 'src'))) {
          for (const mark of readMarks(rel(path, join(dir, 'src')), readText(path))) {
            const a = authors.get(mark.key);
            if (a === undefined) continue;
            if (a && mark.type) both++;
            else if (a) authorsOnly++;
            else if (mark.type) oursOnly++;
          }
        }
        quality = {
          recall: Number((both / (both + authorsOnly)).toFixed(4)),
          precision: both + oursOnly ? Number((both / (both + oursOnly)).toFixed(4)) : 0,
          recovered: both,
          missed: authorsOnly,
          added: oursOnly,
        };
      }
    }
    const best = (f: (m: Measure) => number): number => Math.min(...measures.map(f));
    const median = (f: (m: Measure) => number): number => {
      const sorted = measures.map(f).sort((x, y) => x - y);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : Number(((sorted[mid - 1]! + sorted[mid]!) / 2).toFixed(2));
    };
    results.push({
      key,
      tool: setup.name,
      runs: measures,
      bestWallS: best((m) => m.wallS),
      bestCpuS: best((m) => m.cpuS),
      medianWallS: median((m) => m.wallS),
      medianCpuS: median((m) => m.cpuS),
      maxRssMB: best((m) => m.maxRssMB),
      quality,
    });
  });

  const by = (k: string): Record<string, number> | undefined => results.find((r) => r.key === k) as Record<string, number> | undefined;
  const ratio = (a?: Record<string, number>, b?: Record<string, number>, f = 'bestCpuS'): number | undefined =>
    a && b ? Number((a[f]! / b[f]!).toFixed(2)) : undefined;
  const summary = {
    package: spec,
    files,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, loadavg1AtEnd: Number(loadavg()[0]!.toFixed(2)) },
    tools: TOOLS,
    results,
    ratios: {
      eslintTypedOverCodemigrate_cpu: ratio(by('eslint-typed'), by('codemigrate')),
      eslintTypedOverCodemigrate_wall: ratio(by('eslint-typed'), by('codemigrate'), 'bestWallS'),
      eslintTypedOverCodemigrate_medianCpu: ratio(by('eslint-typed'), by('codemigrate'), 'medianCpuS'),
      eslintTypedOverCodemigrate_medianWall: ratio(by('eslint-typed'), by('codemigrate'), 'medianWallS'),
      codemigrateOverFloor_cpu: ratio(by('codemigrate'), by('floor')),
      codemigrateOverFloor_wall: ratio(by('codemigrate'), by('floor'), 'bestWallS'),
      codemigrateOverBiome_cpu: ratio(by('codemigrate'), by('biome')),
    },
  };
  const out = join(ROOT, 'bench', 'results', `use-import-type-bench-${spec.replace(/[^a-zA-Z0-9.-]/g, '_')}${only ? `-${only.join('+')}` : ''}.json`);
  writeJson(out, summary);
  process.stdout.write(`${JSON.stringify(summary.ratios, null, 2)}\nfull results: ${rel(out, ROOT)}\n`);
  if (!existsSync(out)) process.exitCode = 1;
}

main();
