import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { applyTransform, describeFixtures } from '../src/testing/index.js';
import transform, { LIB_NOTE } from '../transforms/use-disposable-stack/index.js';
import { addDisposableLib, enginesAllowBelow24, libHasDisposable } from '../transforms/use-disposable-stack/project.js';

describeFixtures(transform, new URL('../__testfixtures__/use-disposable-stack/', import.meta.url));

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
  strict: true,
};
const simple = 'declare const r: { close(): void };\ntry {\n  work();\n} finally {\n  r.close();\n}\ndeclare function work(): void;\n';

async function run(source: string, settings: Parameters<typeof applyTransform>[3] = {}) {
  return applyTransform(transform, { path: '/src/a.ts', source, files: {} }, {}, { compilerOptions: OPTIONS, ...settings });
}

describe('use-disposable-stack: edge cases', () => {
  it('keeps CRLF line endings', async () => {
    const out = await run(simple.replace(/\n/g, '\r\n'));
    expect(out.output).toBe(
      'declare const r: { close(): void };\r\n{\r\n  using stack = new DisposableStack();\r\n  stack.defer(() => { r.close(); });\r\n  work();\r\n}\r\ndeclare function work(): void;\r\n',
    );
  });

  it('never reuses a name that any scope of the file uses, and gives nested stacks distinct names', async () => {
    const source = [
      'declare const a: { close(): void }, b: { close(): void };',
      'declare function f(): void;',
      'function g(stack_1: number) {',
      '  try {',
      '    if (stack_1) f();',
      '    try { f(); } finally { b.close(); }',
      '    f();',
      '  } finally {',
      '    a.close();',
      '  }',
      '}',
      'const stack = 1;',
      '',
    ].join('\n');
    const out = await run(source);
    expect(out.output).toContain('using stack_2 = new DisposableStack();');
    expect(out.output).toContain('using stack_3 = new DisposableStack();');
    expect(out.output).not.toMatch(/using stack(_1)? =/);
  });

  it('refuses a finally with `await` outside an async function only as a sanity check (parse error otherwise)', async () => {
    const out = await run('declare const c: { close(): Promise<void> };\nasync function f() {\n  try {\n    g();\n  } finally {\n    await c.close();\n  }\n}\ndeclare function g(): void;\n');
    expect(out.output).toContain('await using stack = new AsyncDisposableStack();');
    expect(out.output).toContain('stack.defer(async () => { await c.close(); });');
  });

  it('a second run over its own output finds nothing to do and warns nothing new', async () => {
    const first = await run(simple);
    const second = await run(first.output);
    expect(second.output).toBe(first.output);
    expect(second.warnings).toEqual([]);
  });
});

describe('use-disposable-stack: project step (finish)', () => {
  const tsconfig = '{\n  // comment kept\n  "compilerOptions": {\n    "target": "ES2022",\n    "lib": ["ES2022", "DOM"], // trailing\n    "strict": true\n  }\n}\n';

  it('adds esnext.disposable to an existing lib with a minimal edit, and notes the polyfill', async () => {
    const out = await run(simple, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] },
      projectInfo: {
        tsconfigPath: '/tsconfig.json',
        tsconfigText: tsconfig,
        packageJson: { path: '/package.json', text: '{}', data: { engines: { node: '>=20.19' } } },
      },
    });
    expect(out.status).toBe('changed');
    expect(out.projectEdits).toEqual([
      { path: '/tsconfig.json', newText: tsconfig.replace('"DOM"]', '"DOM", "esnext.disposable"]') },
    ]);
    expect(out.notes).toHaveLength(2);
    expect(out.notes[0]).toBe(LIB_NOTE);
    expect(out.notes[1]).toContain('engines.node ">=20.19" allows Node < 24');
    expect(out.notes[1]).toContain('core-js/proposals/explicit-resource-management');
  });

  it('adds a lib that keeps the target default when the tsconfig has none; no polyfill note for Node >= 24', async () => {
    const text = '{\n  "compilerOptions": {\n    "target": "ES2022"\n  }\n}\n';
    const out = await run(simple, {
      compilerOptions: { target: ts.ScriptTarget.ES2022 },
      projectInfo: { tsconfigPath: '/tsconfig.json', tsconfigText: text, packageJson: { path: '/package.json', text: '{}', data: { engines: { node: '>=24' } } } },
    });
    expect(out.projectEdits[0]?.newText).toBe(
      '{\n  "compilerOptions": {\n    "lib": ["es2022", "dom", "webworker.importscripts", "scripthost", "dom.iterable", "dom.asynciterable", "esnext.disposable"],\n    "target": "ES2022"\n  }\n}\n',
    );
    expect(out.notes).toEqual([LIB_NOTE]);
  });

  it('leaves a tsconfig whose lib already has esnext alone', async () => {
    const out = await run(simple, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, lib: ['lib.esnext.d.ts'] },
      projectInfo: { tsconfigPath: '/tsconfig.json', tsconfigText: '{ "compilerOptions": { "lib": ["esnext"] } }', packageJson: { path: '/package.json', text: '{}', data: {} } },
    });
    expect(out.projectEdits).toEqual([]);
    expect(out.notes).toHaveLength(1);
    expect(out.notes[0]).toContain('package.json has no engines.node');
  });

  it('notes the lib requirement when there is no tsconfig', async () => {
    const out = await run(simple, { compilerOptions: OPTIONS, projectInfo: {} });
    expect(out.notes.some((n) => n.includes('no tsconfig.json') && n.includes('esnext.disposable'))).toBe(true);
  });

  it('does nothing at project level when no file changed', async () => {
    const out = await run('const x = 1;\n', {
      compilerOptions: { target: ts.ScriptTarget.ES2022 },
      projectInfo: { tsconfigPath: '/tsconfig.json', tsconfigText: '{}' },
    });
    expect(out.projectEdits).toEqual([]);
    expect(out.notes).toEqual([]);
  });

  it('edits lib arrays in their own layout', () => {
    const multi = '{\n  "compilerOptions": {\n    "lib": [\n      "es2022",\n      "dom",\n    ],\n  },\n}\n';
    expect(addDisposableLib(multi, {})).toBe('{\n  "compilerOptions": {\n    "lib": [\n      "es2022",\n      "dom",\n      "esnext.disposable",\n    ],\n  },\n}\n');
    expect(addDisposableLib('{"compilerOptions":{"lib":[]}}', {})).toBe('{"compilerOptions":{"lib":["esnext.disposable"]}}');
    expect(addDisposableLib('{ "extends": "./base.json" }', { lib: ['lib.es2023.d.ts'] })).toBe(
      '{ "compilerOptions": { "lib": ["es2023", "esnext.disposable"] }, "extends": "./base.json" }',
    );
  });

  it('reads lib and engines ranges', () => {
    expect(libHasDisposable({ lib: ['lib.esnext.d.ts'] })).toBe(true);
    expect(libHasDisposable({ lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'] })).toBe(true);
    expect(libHasDisposable({ lib: ['lib.es2023.d.ts'] })).toBe(false);
    expect(libHasDisposable({ target: ts.ScriptTarget.ESNext })).toBe(true);
    expect(libHasDisposable({ target: ts.ScriptTarget.ES2022 })).toBe(false);
    for (const [range, below] of [
      [undefined, true],
      ['>=20.19', true],
      ['^20 || ^22 || >=24', true],
      ['20.x', true],
      ['>=24', false],
      ['^24.1.0', false],
      ['>=24 <27', false],
      ['<26', true],
      ['24 - 26', false],
      ['>23', false],
    ] as const) {
      expect(enginesAllowBelow24(range), String(range)).toBe(below);
    }
  });
});

describe('use-disposable-stack: runtime notes', () => {
  it('warns that target ESNext keeps `using` verbatim when Node < 24 is allowed', async () => {
    const out = await run(simple, {
      compilerOptions: { target: ts.ScriptTarget.ESNext },
      projectInfo: { tsconfigPath: '/tsconfig.json', tsconfigText: '{}', packageJson: { path: '/package.json', text: '{}', data: { engines: { node: '^22' } } } },
    });
    expect(out.projectEdits).toEqual([]);
    expect(out.notes.some((n) => n.startsWith('target ESNext emits `using` as is'))).toBe(true);
  });

  it('notes that JavaScript files with `using` need Node 24 when they are not compiled', async () => {
    const out = await applyTransform(transform, { path: '/src/a.js', source: 'try {\n  f();\n} finally {\n  g();\n}\n', files: {} }, {}, {
      compilerOptions: { ...OPTIONS, allowJs: true },
      projectInfo: { packageJson: { path: '/package.json', text: '{}', data: {} } },
    });
    expect(out.output).toContain('using stack = new DisposableStack();');
    expect(out.notes.some((n) => n.startsWith('1 JavaScript file(s) now contain `using`'))).toBe(true);
  });
});

describe('use-disposable-stack: classes that the lib change affects', () => {
  const source = [
    'class Gen implements Generator<number> {',
    '  next() { return { done: true as const, value: undefined }; }',
    '  return() { return { done: true as const, value: undefined }; }',
    '  throw(): never { throw new Error(); }',
    '  [Symbol.iterator]() { return this; }',
    '}',
    'class Disposed implements Generator<number> {',
    '  next() { return { done: true as const, value: undefined }; }',
    '  return() { return { done: true as const, value: undefined }; }',
    '  throw(): never { throw new Error(); }',
    '  [Symbol.iterator]() { return this; }',
    '  [Symbol.dispose]() {}',
    '}',
    '',
  ].join('\n');

  it('warns at a hand-written Generator when lib lacks esnext.disposable, and not when it has it', async () => {
    const without = await run(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] } });
    expect(without.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      '1:1 when this run adds "esnext.disposable" to lib, this class must also declare [Symbol.dispose]() because Generator then extends Disposable (TS2420)',
    ]);
    const withLib = await run(source);
    expect(withLib.warnings).toEqual([]);
  });
});

describe('use-disposable-stack: comments that would have nowhere to go', () => {
  it('refuses a comment between `try` and its brace', async () => {
    const source = 'declare const r: { close(): void };\ntry /* hot path */ {\n  r.close();\n} finally {\n  r.close();\n}\n';
    const out = await run(source);
    expect(out.output).toBe(source);
    expect(out.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      '2:1 left alone: a comment next to the `try` or `finally` keyword would be lost',
    ]);
  });
});

describe('use-disposable-stack: semicolon style', () => {
  it('writes no semicolons in a file without them, except where ASI needs one', async () => {
    const source = [
      'declare const r: { close(): void }',
      'const a = 1',
      'try {',
      '  (globalThis as any).x = a',
      '} finally {',
      '  r.close()',
      '}',
      'try {',
      '  r.close()',
      '} finally {',
      '  r.close()',
      '}',
      '',
    ].join('\n');
    const out = await run(source);
    expect(out.output).toBe(
      [
        'declare const r: { close(): void }',
        'const a = 1',
        '{',
        '  using stack = new DisposableStack()',
        '  stack.defer(() => { r.close() });',
        '  (globalThis as any).x = a',
        '}',
        '{',
        '  using stack = new DisposableStack()',
        '  stack.defer(() => { r.close() })',
        '  r.close()',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('use-disposable-stack: finish() with several projects', () => {
  it('edits only the tsconfig of the project that holds a changed file', () => {
    const edits: Array<{ path: string; newText: string }> = [];
    const notes: string[] = [];
    const text = '{ "compilerOptions": { "lib": ["es2022"] } }';
    transform.finish!({
      transform: transform.name,
      options: { allowThrowInFinally: false },
      projects: [
        { info: { tsconfigPath: '/repo/a/tsconfig.json', tsconfigText: text }, compilerOptions: { lib: ['lib.es2022.d.ts'] } },
        { info: { tsconfigPath: '/repo/b/tsconfig.json', tsconfigText: text }, compilerOptions: { lib: ['lib.es2022.d.ts'] } },
      ],
      changedFiles: ['/repo/b/src/x.ts'],
      editFile: (path, newText) => edits.push({ path, newText }),
      note: (message) => notes.push(message),
    });
    expect(edits).toEqual([{ path: '/repo/b/tsconfig.json', newText: '{ "compilerOptions": { "lib": ["es2022", "esnext.disposable"] } }' }]);
    expect(notes).toContain(LIB_NOTE);
  });
});
