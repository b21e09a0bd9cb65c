import { describe, expect, it } from 'vitest';
import { applyTransform, describeFixtures } from '../src/testing/index.js';
import transform from '../transforms/use-import-type/index.js';

describeFixtures(transform, new URL('../__testfixtures__/use-import-type/', import.meta.url));
// verbatimModuleSyntax: a module loaded only for types disappears at run time, and that is reported.
describeFixtures(transform, new URL('../__testfixtures__/use-import-type/verbatim/', import.meta.url));

const lib = { '/lib/types.ts': 'export interface I { a: number }\nexport type T = { b: string };\n', '/lib/values.ts': 'export const v = 1;\n' };

describe('use-import-type: files it leaves alone', () => {
  for (const ext of ['vue', 'svelte', 'astro']) {
    it(`skips .${ext} files with a reason`, async () => {
      const out = await applyTransform(transform, { path: `/Comp.${ext}`, source: "import { I } from './lib/types';\nexport let i: I | undefined;\n", files: lib });
      expect(out.status).toBe('skipped');
      expect(out.reason).toMatch(/template usages/);
      expect(out.output).toBe("import { I } from './lib/types';\nexport let i: I | undefined;\n");
    });
  }

  it('does not touch .d.ts files', async () => {
    const source = "import { I } from './lib/types';\nexport declare let i: I;\n";
    const out = await applyTransform(transform, { path: '/decl.d.ts', source, files: lib });
    expect(out.output).toBe(source);
    expect(out.status).toBe('unchanged');
  });

  it('converts the same code in a .ts file (control for the cases above)', async () => {
    const out = await applyTransform(transform, { path: '/mod.ts', source: "import { I } from './lib/types';\nexport let i: I | undefined;\n", files: lib });
    expect(out.status).toBe('changed');
    expect(out.output).toBe("import type { I } from './lib/types';\nexport let i: I | undefined;\n");
  });
});

describe('use-import-type: styles on one declaration', () => {
  const source = "import { I, v, T } from './lib/mixed';\nexport const x: I | T | undefined = v ? undefined : undefined;\n";
  const files = { '/lib/mixed.ts': 'export interface I { a: number }\nexport type T = { b: string };\nexport const v = 1;\n' };
  it('auto marks the types inline', async () => {
    const out = await applyTransform(transform, { path: '/mod.ts', source, files });
    expect(out.output).toBe("import { type I, v, type T } from './lib/mixed';\nexport const x: I | T | undefined = v ? undefined : undefined;\n");
  });
  it('separate moves the types to their own declaration, keeping no dangling comma', async () => {
    const out = await applyTransform(transform, { path: '/mod.ts', source, files }, { style: 'separate' });
    expect(out.output).toBe(
      "import type { I, T } from './lib/mixed';\nimport { v } from './lib/mixed';\nexport const x: I | T | undefined = v ? undefined : undefined;\n",
    );
  });
  it('inline marks every type inline, also when all bindings are types', async () => {
    const out = await applyTransform(transform, { path: '/mod.ts', source: "import { I, T } from './lib/mixed';\nexport let x: I | T | undefined;\n", files }, { style: 'inline' });
    expect(out.output).toBe("import { type I, type T } from './lib/mixed';\nexport let x: I | T | undefined;\n");
  });
  it('rejects an unknown style', async () => {
    await expect(applyTransform(transform, { path: '/mod.ts', source, files }, { style: 'loose' })).rejects.toThrow(/style/);
  });
});
