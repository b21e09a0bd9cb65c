// `migrate run -t <jscodeshift transform>`: every module form, how it is called, what its return value
// means, reports, stats, options, failures, usage errors, and mixing with codemigrate transforms. Driven
// in-process through main(), on temporary projects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { chooseParser } from '../src/engines/jscodeshift-engine.js';
import { loadTransform } from '../src/project/load-transforms.js';
import type { JscodeshiftTransform, RunSummary } from '../src/transform-api/types.js';
import { runMigrate, tempDir, writeTree } from './support/jscodeshift/compare.js';

const temps: Array<{ remove(): void }> = [];
afterAll(() => temps.forEach((t) => t.remove()));

function migrateBin(args: string[], cwd: string): { code: number | null; json: RunSummary; stderr: string } {
  expect(inject('buildError')).toBe('');
  const bin = fileURLToPath(new URL('../bin/migrate.js', import.meta.url));
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, json: JSON.parse(r.stdout) as RunSummary, stderr: r.stderr };
}

function project(files: Record<string, string>): string {
  const tmp = tempDir();
  temps.push(tmp);
  writeTree(tmp.dir, files);
  return tmp.dir;
}

// Each form renames the identifier `foo` to the form's own name, so the output shows which module ran.
const rename = (to: string): string =>
  `const j = api.jscodeshift; const root = j(file.source); root.find(j.Identifier, { name: 'foo' }).forEach((p) => { p.node.name = '${to}'; }); return root.toSource();`;

const FORMS: Record<string, { files: Record<string, string>; spec: string; parser?: string }> = {
  'CommonJS module.exports = fn (.js)': {
    files: { 't/cjs.js': `module.exports = function (file, api) { ${rename('cjsFn')} };` },
    spec: './t/cjs.js',
  },
  'CommonJS module.exports = fn with a parser property (.js)': {
    files: { 't/cjs-parser.js': `module.exports = function (file, api) { ${rename('cjsParser')} };\nmodule.exports.parser = 'flow';` },
    spec: './t/cjs-parser.js',
    parser: 'flow',
  },
  'CommonJS module.exports.default = fn (.cjs)': {
    files: { 't/default.cjs': `module.exports.default = function (file, api) { ${rename('cjsDefault')} };` },
    spec: './t/default.cjs',
  },
  'Babel-compiled ESM: exports.default and exports.parser (.js)': {
    files: {
      't/compiled.js': `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.parser = "babylon";\nexports.default = function (file, api) { ${rename('compiled')} };`,
    },
    spec: './t/compiled.js',
    parser: 'babylon',
  },
  'ESM export default (.mjs)': {
    files: { 't/esm.mjs': `export default function (file, api) { ${rename('esmMjs')} }\nexport const parser = 'tsx';` },
    spec: './t/esm.mjs',
    parser: 'tsx',
  },
  'ESM syntax in a .js file of a CommonJS package, using require (compiled as jscodeshift does)': {
    files: { 't/mixed.js': `const path = require('path');\nexport default function (file, api) { if (!path.basename(file.path)) return; ${rename('mixed')} }` },
    spec: './t/mixed.js',
  },
  'ESM .js in a "type": "module" package': {
    files: { 'esm-pkg/package.json': '{ "type": "module" }', 'esm-pkg/t.js': `export default (file, api) => { ${rename('esmJs')} };` },
    spec: './esm-pkg/t.js',
  },
  'TypeScript (.ts) with a parser export, in a CommonJS package': {
    files: {
      't/typed.ts': `import type { API, FileInfo } from 'jscodeshift';\nexport const parser = 'ts';\nexport default function transform(file: FileInfo, api: API): string { ${rename('typedTs')} }`,
    },
    spec: './t/typed.ts',
    parser: 'ts',
  },
  'TypeScript (.ts) in a "type": "module" package': {
    files: { 'esm-ts/package.json': '{ "type": "module" }', 'esm-ts/t.ts': `export default (file: { source: string }, api: any): string => { ${rename('esmTs')} };` },
    spec: './esm-ts/t.ts',
  },
  'a folder with an index.js, as jscodeshift’s require() takes it': {
    files: { 'codemod/index.js': `module.exports = function (file, api) { ${rename('fromIndex')} };` },
    spec: './codemod',
  },
  'a folder with a package.json "main"': {
    files: {
      'codemod-pkg/package.json': '{ "name": "codemod-pkg", "main": "lib/transform.js" }',
      'codemod-pkg/lib/transform.js': `module.exports = function (file, api) { ${rename('fromMain')} };`,
    },
    spec: './codemod-pkg',
  },
  'a module path resolved from the project’s node_modules': {
    files: {
      'node_modules/fake-codemod/package.json': '{ "name": "fake-codemod", "version": "1.0.0" }',
      'node_modules/fake-codemod/transforms/rename.js': `module.exports = function (file, api) { ${rename('fromNodeModules')} };`,
    },
    spec: 'fake-codemod/transforms/rename',
  },
};

describe('transform module forms', () => {
  for (const [title, form] of Object.entries(FORMS)) {
    it(title, async () => {
      const dir = project({ ...form.files, 'src/a.js': 'const foo = 1;\nexport default foo;\n', 'package.json': '{ "name": "p" }' });
      const transform = (await loadTransform(form.spec, dir)) as JscodeshiftTransform;
      expect(transform.engine).toBe('jscodeshift');
      expect(typeof transform.fn).toBe('function');
      expect(transform.parser).toBe(form.parser);
      const to = /name = '(\w+)'/.exec(Object.values(form.files).find((t) => t.includes('p.node.name'))!)![1]!;
      const r = await runMigrate(['run', '-t', form.spec, 'src', '--write', '--json'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, 'src/a.js'), 'utf8')).toBe(`const ${to} = 1;\nexport default ${to};\n`);
    });
  }
});

describe('parser choice: --parser, else the module’s parser export, else by extension', () => {
  const t = (parser?: string): JscodeshiftTransform => ({ engine: 'jscodeshift', name: 't', summary: '', fn: () => null, parser });
  it('picks by extension when nothing is given', () => {
    expect(chooseParser(t(), '/a.ts', undefined)).toBe('ts');
    expect(chooseParser(t(), '/a.mts', undefined)).toBe('ts');
    expect(chooseParser(t(), '/a.tsx', undefined)).toBe('tsx');
    expect(chooseParser(t(), '/a.js', undefined)).toBe('babel');
    expect(chooseParser(t(), '/a.jsx', undefined)).toBe('babel');
  });
  it('prefers the module’s export to the extension, and --parser to both', () => {
    expect(chooseParser(t('flow'), '/a.ts', undefined)).toBe('flow');
    expect(chooseParser(t('flow'), '/a.ts', 'tsx')).toBe('tsx');
  });
  it('end to end: the flow parser of a parser export, overridden by --parser', async () => {
    // flow-parser gives `Literal` nodes, babylon `NumericLiteral`: the transform writes down which it saw.
    const transform = `module.exports = (file, api) => '// ' + api.j(file.source).find(api.j.VariableDeclarator).get().node.init.type + '\\n' + file.source;\nmodule.exports.parser = 'flow';\n`;
    const dir = project({ 't.cjs': transform, 'src/a.js': 'const x = 1;\n' });
    const flow = await runMigrate(['run', '-t', './t.cjs', 'src', '--json'], dir);
    expect(flow.json!.files[0]!.diff).toContain('+// Literal');
    const babylon = await runMigrate(['run', '-t', './t.cjs', 'src', '--json', '--parser=babylon'], dir);
    expect(babylon.json!.files[0]!.diff).toContain('+// NumericLiteral');
  });
});

describe('how the transform is called and what its return value means', () => {
  const transform = `
module.exports = async function (file, api, options) {
  await new Promise((r) => setTimeout(r, 1));
  const name = file.path.split('/').pop();
  api.stats('calls');
  api.stats('weighted', 5);
  if (name === 'options.js') api.report(JSON.stringify(options));
  if (name === 'api.js') api.report(Object.keys(api).sort().join(',') + ' ' + (api.j === api.jscodeshift) + ' ' + typeof file.source);
  switch (name) {
    case 'changed.js': return file.source.replace('x', 'y');
    case 'same.js': return file.source;
    case 'null.js': return null;
    case 'undefined.js': return undefined;
    case 'empty.js': return '';
    default: return file.source;
  }
};`;
  const files = {
    't.cjs': transform,
    'src/changed.js': 'x;\n',
    'src/same.js': 'x;\n',
    'src/null.js': 'x;\n',
    'src/undefined.js': 'x;\n',
    'src/empty.js': 'x;\n',
    'src/options.js': 'x;\n',
    'src/api.js': 'x;\n',
  };

  it('maps return values as jscodeshift does: changed, unchanged, skipped', async () => {
    const dir = project(files);
    const r = await runMigrate(['run', '-t', './t.cjs', 'src', '--json'], dir);
    expect(r.code).toBe(0);
    const status = Object.fromEntries(r.json!.files.map((f) => [f.path, f.status]));
    expect(status).toEqual({
      'src/api.js': 'unchanged',
      'src/changed.js': 'changed',
      'src/empty.js': 'skipped',
      'src/null.js': 'skipped',
      'src/options.js': 'unchanged',
      'src/same.js': 'unchanged',
      'src/undefined.js': 'skipped',
    });
  });

  it('passes fileInfo { path, source } and api { j, jscodeshift, stats, report }', async () => {
    const dir = project(files);
    const r = await runMigrate(['run', '-t', './t.cjs', 'src', '--json'], dir);
    const api = r.json!.files.find((f) => f.path === 'src/api.js')!;
    expect(api.warnings).toEqual([{ line: 1, column: 1, transform: 't', message: 'j,jscodeshift,report,stats true string' }]);
  });

  it('passes unknown --key=value flags as options, values parsed as JSON where they parse', async () => {
    const dir = project(files);
    const r = await runMigrate(['run', '-t', './t.cjs', 'src', '--json', '--flow=true', '--name=x', '--n=3', '--list=[1,2]', '--quote=single', '--bare'], dir);
    const warning = r.json!.files.find((f) => f.path === 'src/options.js')!.warnings[0]!;
    expect(JSON.parse(warning.message)).toEqual({ flow: true, name: 'x', n: 3, list: [1, 2], quote: 'single', bare: true });
  });

  it('api.report becomes a warning and api.stats counts appear in the summary and the JSON', async () => {
    const dir = project(files);
    const json = await runMigrate(['run', '-t', './t.cjs', 'src', '--json'], dir);
    expect(json.json!.stats).toEqual({ t: { calls: 7, weighted: 35 } });
    expect(json.json!.totals.warnings).toBe(2);
    const pretty = await runMigrate(['run', '-t', './t.cjs', 'src'], dir);
    const all = pretty.stdout + pretty.stderr;
    expect(all).toMatch(/calls 7/);
    expect(all).toMatch(/weighted 35/);
    expect(all).toContain('src/api.js:1:1 t: j,jscodeshift,report,stats true string');
  });
});

describe('failures', () => {
  const throwing = `module.exports = function (file) {
  if (file.source.includes('boom')) {
    throw new Error('cannot handle ' + file.path.split('/').pop());
  }
  return file.source.replace('a', 'b');
};
`;

  it('a transform that throws fails that file, with its message and position in the transform; the run goes on, exit 3', async () => {
    const dir = project({ 'tr/throws.cjs': throwing, 'src/1.js': 'a;\n', 'src/2.js': 'boom;\n', 'src/3.js': 'a;\n' });
    const r = await runMigrate(['run', '-t', './tr/throws.cjs', 'src', '--json', '--write'], dir);
    expect(r.code).toBe(3);
    const byPath = Object.fromEntries(r.json!.files.map((f) => [f.path, f]));
    expect(byPath['src/1.js']!.status).toBe('changed');
    expect(byPath['src/3.js']!.status).toBe('changed');
    expect(byPath['src/2.js']!.status).toBe('failed');
    expect(byPath['src/2.js']!.error).toMatchObject({ message: 'cannot handle 2.js', transform: 'throws', location: `${join(dir, 'tr/throws.cjs')}:3:11` });
    expect(readFileSync(join(dir, 'src/2.js'), 'utf8')).toBe('boom;\n');
    expect(readFileSync(join(dir, 'src/1.js'), 'utf8')).toBe('b;\n');
    const pretty = await runMigrate(['run', '-t', './tr/throws.cjs', 'src'], dir);
    expect(pretty.code).toBe(3);
    expect(pretty.stdout + pretty.stderr).toContain(`${join(dir, 'tr/throws.cjs')}:3:11`);
  });

  it('gives the position in a TypeScript transform’s source, and in a transform inside node_modules', async () => {
    const dir = project({
      'tr/throws.ts': `type F = { path: string; source: string };\nexport default function (file: F): string {\n  throw new RangeError('ts transform failed');\n}\n`,
      'node_modules/pkg/package.json': '{ "name": "pkg" }',
      'node_modules/pkg/t.js': throwing,
      'src/2.js': 'boom;\n',
    });
    // Through bin/migrate.js: vitest replaces Node's source-mapped stack traces in its own process.
    const ts = migrateBin(['run', '-t', './tr/throws.ts', 'src', '--json'], dir);
    expect(ts.json.files[0]!.error).toMatchObject({ message: 'RangeError: ts transform failed', location: `${join(dir, 'tr/throws.ts')}:3:9` });
    const nm = await runMigrate(['run', '-t', 'pkg/t', 'src', '--json'], dir);
    expect(nm.json!.files[0]!.error!.location).toBe(`${join(dir, 'node_modules/pkg/t.js')}:3:11`);
  });

  it('a transform file that does not exist: exit 2 and a clear message', async () => {
    const dir = project({ 'src/a.js': 'a;\n' });
    const r = await runMigrate(['run', '-t', './missing-transform.js', 'src'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error transform file not found: ./missing-transform.js');
    expect(r.stderr).toContain('hint ');
    const m = await runMigrate(['run', '-t', 'not-installed-codemod/transforms/x', 'src'], dir);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^error .*not-installed-codemod\/transforms\/x/m);
  });

  it('a transform file that exports no function: exit 2 and a clear message', async () => {
    const dir = project({ 'tr/none.cjs': 'module.exports = { transform: 1 };\n', 'tr/esm.mjs': 'export const x = 1;\n', 'src/a.js': 'a;\n' });
    for (const spec of ['./tr/none.cjs', './tr/esm.mjs']) {
      const r = await runMigrate(['run', '-t', spec, 'src'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error ${spec} exports no transform function`);
      expect(r.stdout).toBe('');
    }
  });

  it('a transform module that throws while loading: exit 2', async () => {
    const dir = project({ 'tr/bad.cjs': 'throw new Error("broken at load");\n', 'src/a.js': 'a;\n' });
    const r = await runMigrate(['run', '-t', './tr/bad.cjs', 'src'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken at load');
  });
});

describe('mixing codemigrate and jscodeshift transforms in one pass', () => {
  const files = {
    'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "esnext", "moduleResolution": "bundler", "target": "es2022" } }',
    'src/types.ts': 'export interface Foo { n: number }\n',
    'src/use.ts': "import { Foo } from './types';\nconst foo: Foo = { n: 1 };\nexport default foo;\n",
    'rename.cjs': `module.exports = function (file, api) { ${rename('renamed')} };\n`,
  };

  it('-t use-import-type -t ./rename.cjs runs both on each file, in order', async () => {
    const dir = project(files);
    const r = await runMigrate(['run', '-t', 'use-import-type', '-t', './rename.cjs', 'src', '--json', '--no-verify'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json!.transforms).toEqual(['use-import-type', 'rename']);
    const use = r.json!.files.find((f) => f.path === 'src/use.ts')!;
    expect(use.transforms).toEqual(['use-import-type', 'rename']);
    expect(use.diff).toContain("+import type { Foo } from './types';");
    expect(use.diff).toContain('+const renamed: Foo = { n: 1 };');
    expect(use.diff).toContain('+export default renamed;');
  });

  it('the other order gives the same text, each transform seeing the previous one’s output', async () => {
    const dir = project(files);
    await runMigrate(['run', '-t', './rename.cjs', '-t', 'use-import-type', 'src', '--write', '--no-verify', '--allow-dirty'], dir);
    expect(readFileSync(join(dir, 'src/use.ts'), 'utf8')).toBe("import type { Foo } from './types';\nconst renamed: Foo = { n: 1 };\nexport default renamed;\n");
  });

  it('with the ts-morph test transform rename-foo, a jscodeshift transform sees its output', async () => {
    const dir = project({ 'src/a.ts': 'const foo = 1;\nexport { foo };\n', 'up.cjs': 'module.exports = (file) => file.source.toUpperCase();\n' });
    const renameFoo = join(process.cwd(), 'test/support/transforms/rename-foo.ts');
    const r = await runMigrate(['run', '-t', renameFoo, '-t', './up.cjs', 'src', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json!.files[0]!.transforms).toEqual(['rename-foo', 'up']);
    expect(r.json!.files[0]!.diff).toContain('+CONST BAR = 1;');
  });
});
