// Dev helper: runs the transform over /work/shared/examples/use-disposable-stack/*/before.ts and prints diffs against after.ts/safe.ts.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { applyTransform } from '../../../src/testing/index.js';
import transform from '../../../transforms/use-disposable-stack/index.js';

const dir = process.argv[2] ?? '/work/shared/examples/use-disposable-stack';
const opts = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'], strict: true, skipLibCheck: true };
for (const d of readdirSync(dir).sort()) {
  const before = join(dir, d, 'before.ts');
  if (!existsSync(before)) continue;
  const out = await applyTransform(transform, { path: join('/tmp/ex', d + '.ts'), source: readFileSync(before, 'utf8') }, {}, { compilerOptions: opts, inMemory: false });
  const want = ['after.ts', 'safe.ts'].map((f) => join(dir, d, f)).find(existsSync);
  const expected = want ? readFileSync(want, 'utf8') : readFileSync(before, 'utf8');
  const ok = out.output === expected;
  console.log(`${ok ? 'OK  ' : 'DIFF'} ${d} ${out.status} ${out.error?.message ?? ''}`);
  for (const w of out.warnings) console.log(`     ${w.line}:${w.column} ${w.message}`);
  if (!ok) {
    const a = out.output.split('\n'), b = expected.split('\n');
    for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) console.log(`   ${i + 1}\n     got: ${a[i]}\n    want: ${b[i]}`);
  }
}
