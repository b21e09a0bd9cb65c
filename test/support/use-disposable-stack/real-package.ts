// Runs use-disposable-stack over the TypeScript sources of real npm packages and checks that the result
// still type-checks with no new diagnostics, that the project step added esnext.disposable to the
// tsconfig's lib, and that a second run changes nothing. Prints its figures; exits non-zero on any failure,
// including when a package cannot be fetched (this is a script, not a test that silently skips).
//
//   npx tsx test/support/use-disposable-stack/real-package.ts [name@version ...]   (SHOW_DIFF=1 prints the diffs)
//
// Tarballs are fetched with `npm pack` into .bench-cache/use-disposable-stack/ (git-ignored) and reused.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts } from 'ts-morph';
import { migrate } from '../../../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CACHE = join(ROOT, '.bench-cache/use-disposable-stack');
const PACKAGES = process.argv.slice(2).length ? process.argv.slice(2) : ['rxjs@7.8.2', 'effect@3.19.0'];

const TSCONFIG = `{
  // Deliberately without esnext.disposable: the transform's project step must add it.
  "compilerOptions": {
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "lib": ["ES2022", "DOM"],
    "strict": true,
    "skipLibCheck": true,
    "noEmit": true,
    "types": []
  },
  "include": ["src"]
}
`;

function fetchPackage(spec: string): { src: string; home: string } {
  mkdirSync(CACHE, { recursive: true });
  const [name, version] = [spec.slice(0, spec.lastIndexOf('@')), spec.slice(spec.lastIndexOf('@') + 1)];
  const tarball = join(CACHE, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
  if (!existsSync(tarball)) {
    try {
      execFileSync('npm', ['pack', spec, '--pack-destination', CACHE, '--silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      throw new Error(`cannot fetch ${spec} with npm pack (is the registry reachable?): ${(error as Error).message}`);
    }
  }
  const dir = join(CACHE, `${name.replace('/', '-')}-${version}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  if (!existsSync(join(dir, 'package/src'))) throw new Error(`${spec} ships no src/ folder`);
  // Its runtime dependencies (only those: its dev tooling is irrelevant), in a folder that also holds the
  // work copies, so that imports resolve when they are type-checked.
  const deps = (JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
  const home = join(dir, 'deps');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'package.json'), JSON.stringify({ name: 'deps', private: true, dependencies: deps }, null, 2));
  try {
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--silent'], { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`cannot install the dependencies of ${spec}: ${(error as Error).message}`);
  }
  return { src: join(dir, 'package/src'), home };
}

function diagnostics(dir: string): string[] {
  const project = new Project({ tsConfigFilePath: join(dir, 'tsconfig.json') });
  return project.getPreEmitDiagnostics().map((d) => {
    const file = d.getSourceFile()?.getFilePath();
    const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ').split(dir).join('<root>');
    return `${file ? relative(dir, file) : '<global>'} TS${d.getCode()} ${message}`;
  });
}

function countTryFinally(dir: string): number {
  const project = new Project({ tsConfigFilePath: join(dir, 'tsconfig.json'), skipFileDependencyResolution: true });
  let n = 0;
  for (const sf of project.getSourceFiles()) {
    if (!sf.getFilePath().startsWith(dir)) continue;
    sf.forEachDescendant((node) => {
      if (node.getKind() === ts.SyntaxKind.TryStatement && (node.compilerNode as ts.TryStatement).finallyBlock) n++;
    });
  }
  return n;
}

let failed = false;
for (const spec of PACKAGES) {
  const started = Date.now();
  const { src, home } = fetchPackage(spec);
  const work = mkdtempSync(join(home, '.work-'));
  cpSync(src, join(work, 'src'), { recursive: true });
  writeFileSync(join(work, 'tsconfig.json'), TSCONFIG);
  writeFileSync(join(work, 'package.json'), '{ "name": "real-package-check", "private": true }\n');

  const sites = countTryFinally(work);
  const before = diagnostics(work);
  const summary = await migrate({ transforms: ['use-disposable-stack'], cwd: work, write: true, allowDirty: true, gitignore: false });
  if (process.env.SHOW_DIFF) for (const f of summary.files) if (f.diff) console.log(f.diff);
  const tsconfigAfter = readFileSync(join(work, 'tsconfig.json'), 'utf8');
  const after = diagnostics(work);
  // The same original sources with the tsconfig the project step wrote: what the lib change alone adds.
  const libOnly = mkdtempSync(join(home, '.work-lib-'));
  cpSync(src, join(libOnly, 'src'), { recursive: true });
  writeFileSync(join(libOnly, 'tsconfig.json'), tsconfigAfter);
  const withLib = diagnostics(libOnly);
  rmSync(libOnly, { recursive: true, force: true });
  const second = await migrate({ transforms: ['use-disposable-stack'], cwd: work, write: false, allowDirty: true, gitignore: false });

  const minus = (a: readonly string[], b: readonly string[]): string[] => {
    const rest = [...b];
    const out: string[] = [];
    for (const d of a) {
      const i = rest.indexOf(d);
      if (i === -1) out.push(d);
      else rest.splice(i, 1);
    }
    return out;
  };
  // New diagnostics of the rewrite: after the run, compared with the original code under the same tsconfig.
  const added = minus(after, withLib);
  const gone = minus(withLib, after);
  const fromLib = minus(withLib, before);
  const warnings = summary.files.flatMap((f) => f.warnings.map((w) => ({ file: f.path, ...w })));
  const rewritten = warnings.filter((w) => w.message.startsWith('rewritten'));
  const refused = warnings.filter((w) => w.message.startsWith('left alone'));
  const reasons = new Map<string, number>();
  for (const w of refused) reasons.set(w.message.replace(/`[^`]*`/g, '`…`').slice(0, 90), (reasons.get(w.message.replace(/`[^`]*`/g, '`…`').slice(0, 90)) ?? 0) + 1);

  console.log(`\n== ${spec}`);
  console.log(`source files: ${summary.totals.files}, try/finally statements: ${sites}`);
  console.log(`changed files: ${summary.totals.changed}, failed: ${summary.totals.failed}, +${summary.totals.insertions} -${summary.totals.deletions} lines`);
  console.log(`sites rewritten: ${rewritten.length}, left alone: ${refused.length}`);
  for (const [reason, n] of reasons) console.log(`  ${n} × ${reason}`);
  for (const w of [...rewritten, ...refused]) console.log(`  ${w.file}:${w.line}:${w.column} ${w.message.slice(0, 110)}`);
  console.log(`tsconfig lib after the run: ${/"lib": \[[^\]]*\]/.exec(tsconfigAfter)?.[0] ?? '(none)'}`);
  for (const n of summary.notes) console.log(`note: ${n.message.slice(0, 160)}`);
  console.log(`diagnostics: original ${before.length}; original with the new lib ${withLib.length} (${fromLib.length} added by the lib change alone); after the rewrite ${after.length}`);
  if (before.length <= 5) for (const d of before) console.log(`  ORIGINAL ${d}`);
  for (const d of fromLib.slice(0, 20)) console.log(`  LIB ${d}`);
  console.log(`new diagnostics from the rewritten code: ${added.length}, gone: ${gone.length}`);
  for (const d of added.slice(0, 20)) console.log(`  NEW ${d}`);
  console.log(`second run: ${second.totals.changed} files would change`);
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const iteratorWarnings = warnings.filter((w) => w.message.includes('must also declare [Symbol.'));
  console.log(`warnings at classes the lib change affects: ${iteratorWarnings.length}`);
  for (const w of iteratorWarnings) console.log(`  ${w.file}:${w.line}:${w.column} ${w.message.slice(0, 110)}`);
  const ok =
    added.length === 0 && summary.totals.failed === 0 && second.totals.changed === 0 && rewritten.length > 0 &&
    /esnext\.disposable/.test(tsconfigAfter);
  // The lib change's own diagnostics are expected only where the run warned at the class (TS2420 family).
  const libExplained = fromLib.every((d) => iteratorWarnings.some((w) => d.startsWith(`${w.file} `)));
  console.log(ok ? 'RESULT ok: the rewritten code adds no diagnostic' : 'RESULT FAILED');
  console.log(
    fromLib.length === 0
      ? 'RESULT lib change: adds no diagnostic'
      : `RESULT lib change: adds ${fromLib.length} diagnostic(s), ${libExplained ? 'all in classes the run warned about' : 'NOT all warned about'}`,
  );
  if (!libExplained) failed = true;
  if (!ok) failed = true;
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
