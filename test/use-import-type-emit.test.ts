/**
 * End to end: a small project is compiled before and after use-import-type with the project's own
 * compiler options (ts from ts-morph), and the emitted JavaScript is compared file by file. The only
 * allowed difference is a dropped module load that the transform reported. Afterwards the project is
 * compiled with verbatimModuleSyntax and must have no type-only import/export error left, except the
 * ones the transform reported as left alone.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { applyTransform } from '../src/testing/index.js';
import type { Warning } from '../src/transform-api/types.js';
import transform from '../transforms/use-import-type/index.js';

const LIB_DIR = dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));

const PROJECT: Record<string, string> = {
  '/src/lib/types.ts': 'export interface I { a: number }\nexport type T = { b: string };\nexport interface I2 { c: boolean }\n',
  '/src/lib/only-types.ts': 'export interface OT1 { a: 1 }\nexport type OT2 = { b: 2 };\n',
  '/src/lib/values.ts': [
    'export class C { x = 1; }',
    'export abstract class AC { abstract run(): void; }',
    'export enum E { A, B }',
    'export const enum CE { A = 1 }',
    'export function f(): number { return 1; }',
    'export const v = 42;',
    "export const key: unique symbol = Symbol('key');",
    'export namespace NS { export const k = 1; export type K = number; }',
    'export namespace TNS { export type Only = string; }',
    'export interface Merged { m: number }',
    'export class Merged { n = 2; }',
    'export default class DefaultClass { d = 3; }',
    '',
  ].join('\n'),
  '/src/lib/service.ts': [
    'export class Service { s = 1; }',
    'export class Logger { l = 1; }',
    'export interface Config { c: 1 }',
    'export function Injectable(): ClassDecorator { return () => {}; }',
    'export function Prop(): PropertyDecorator { return () => {}; }',
    'export function Method(): MethodDecorator { return () => {}; }',
    '',
  ].join('\n'),
  '/src/lib/react.ts': "export function createElement(..._a: unknown[]): unknown { return null; }\nexport const Fragment = 'f';\nexport interface Props { p: 1 }\n",
  '/src/lib/chain-a.ts': "export { I, T } from './types';\n",
  '/src/lib/chain-b.ts': "export * from './chain-a';\n",
  '/src/lib/chain-t.ts': "export type { C } from './values';\n",
  '/src/named.ts': "import { I, T } from './lib/types';\nimport { Opts, run } from './api';\nexport const a: I = { a: 1 };\nexport const b: T = { b: 'x' };\nrun({} as Opts);\n",
  '/src/api.ts': 'export interface Opts { verbose?: boolean }\nexport function run(o: Opts): void { void o; }\nexport default function main(): void {}\n',
  '/src/defaults.ts': "import main, { Opts } from './api';\nimport DefaultClass, { f } from './lib/values';\nimport * as types from './lib/types';\nmain();\nf();\nexport let d: DefaultClass | types.I | Opts | undefined;\n",
  '/src/typeof.ts': "import { v, f, E, TNS, Merged } from './lib/values';\nexport type V = typeof v;\nexport type F = ReturnType<typeof f>;\nexport let e: E.A | TNS.Only | Merged | undefined;\n",
  '/src/classes.ts': "import { C, AC } from './lib/values';\nimport { I } from './lib/types';\nexport class Impl extends AC implements I { a = 1; run(): void {} }\nexport function useC(c: C): number { return c.x; }\n",
  '/src/decorators.ts': [
    "import { Injectable, Prop, Method, Service, Logger, Config } from './lib/service';",
    "import { C } from './lib/values';",
    '@Injectable()',
    'export class Consumer {',
    '  constructor(private readonly service: Service, private readonly config: Config) {}',
    '  @Prop() logger!: Logger;',
    '  @Method() go(c: C | undefined, conf: Config): void { void c; void conf; void this.service; void this.config; }',
    '}',
    '',
  ].join('\n'),
  '/src/accessors.ts': [
    "import { Prop, Service, Config } from './lib/service';",
    'export class Accessors {',
    '  private s?: Service;',
    '  private c?: Config;',
    '  @Prop() get service(): Service | undefined { return this.s; }',
    '  @Prop() set config(value: Config | undefined) { this.c = value; }',
    '}',
    '',
  ].join('\n'),
  '/src/plain-class.ts': "import { Service } from './lib/service';\nexport class Plain { constructor(private readonly s: Service) {} get(): Service { return this.s; } }\n",
  '/src/jsx.tsx': "import * as React from './lib/react';\nimport { Props } from './lib/react';\nexport const el = (p: Props) => <div>{String(p.p)}<>x</></div>;\n",
  '/src/const-enum.ts': "import { CE } from './lib/values';\nimport { CE as CE2 } from './lib/values';\nexport const a = CE.A;\nexport let b: CE2 | undefined;\n",
  '/src/require.ts': "import api = require('./api');\nimport values = require('./lib/values');\nexport let o: api.Opts | undefined;\nvalues.f();\n",
  '/src/alias.ts': "import { NS } from './lib/values';\nimport K = NS.K;\nexport let k: K | undefined;\n",
  '/src/reexports.ts': "export { I, T } from './lib/types';\nexport { Opts, run } from './api';\nexport { I2 as 'i-two' } from './lib/chain-b';\nexport * from './lib/only-types';\nexport * as ot from './lib/only-types';\nexport * from './lib/values';\n",
  '/src/chain.ts': "export { I } from './lib/chain-b';\nimport { C } from './lib/chain-t';\nexport type Cx = C;\n",
  '/src/local-export.ts': "import { T } from './lib/types';\nimport { C } from './lib/values';\nimport * as vals from './lib/values';\ninterface Local { l: 1 }\nconst val = 1;\nexport { Local, val, T, C, vals };\n",
  '/src/computed.ts': "import { key } from './lib/values';\nexport interface WithKey { [key]: string }\n",
  '/src/companion.ts': "import { Opts } from './api';\nexport const Opts = { empty: {} as Opts };\nexport function make(o?: Opts): Opts { return o ?? Opts.empty; }\n",
  '/src/comments.ts': "import {\n  // leading comment for Opts\n  Opts, // trailing comment for Opts\n  /* block comment for run */ run,\n} from './api';\nrun({} as Opts);\n",
  '/src/unused.ts': "import { I } from './lib/types';\nimport { Opts, run } from './api';\nrun({});\n",
  '/src/shadow.ts': [
    "import { I } from './lib/types';",
    "import { f, v, E, C } from './lib/values';",
    'export function id<I>(x: I): I { return x; }',
    'export function g(): number { const f = () => 2; return f(); }',
    'export function h(): number { if (Math.random()) { var v = 1; } return v ?? 0; }',
    'export function k(): E | undefined { try { return undefined; } catch (E) { void E; return undefined; } }',
    'export function m(C: number): number { return C; }',
    'export type F = typeof f | typeof v;',
    'export let c: C | undefined;',
    '',
  ].join('\n'),
  '/src/shadow-value.ts': "import { f } from './lib/values';\nexport function g(x: number): number { const y = x; return f() + y; }\nexport type F = typeof f;\n",
  '/src/side.ts': "globalThis.console.log('side');\nexport interface SideT { s: 1 }\n",
  '/src/uses-side.ts': "import './side';\nimport { SideT } from './side';\nexport let s: SideT | undefined;\n",
};

const BASE: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  strict: true,
  skipLibCheck: true,
  types: [],
  jsx: ts.JsxEmit.React,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  outDir: '/out',
};

function compile(files: Record<string, string>, options: ts.CompilerOptions): { js: Map<string, string>; diagnostics: ts.Diagnostic[] } {
  const host = ts.createCompilerHost(options);
  const readLib = (name: string): string | undefined => {
    try {
      return readFileSync(join(LIB_DIR, name.replace(/^.*[\\/]/, '')), 'utf8');
    } catch {
      return undefined;
    }
  };
  host.getDefaultLibLocation = () => '/__lib__';
  host.getDefaultLibFileName = (o) => `/__lib__/${ts.getDefaultLibFileName(o)}`;
  host.fileExists = (f) => f in files || (f.startsWith('/__lib__/') && readLib(f) !== undefined);
  host.readFile = (f) => files[f] ?? (f.startsWith('/__lib__/') ? readLib(f) : undefined);
  host.getSourceFile = (f, lang) => {
    const text = host.readFile(f);
    return text === undefined ? undefined : ts.createSourceFile(f, text, lang);
  };
  host.getCurrentDirectory = () => '/';
  host.directoryExists = () => true;
  host.getDirectories = () => [];
  host.realpath = (p) => p;
  const program = ts.createProgram(Object.keys(files), { ...options, lib: options.lib?.map((l) => `/__lib__/${l}`) }, host);
  const js = new Map<string, string>();
  program.emit(undefined, (name, text) => {
    if (name.endsWith('.js')) js.set(name, text);
  });
  return { js, diagnostics: [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()] };
}

const TYPE_ONLY_CODES = new Set([1484, 1485, 1205, 1272, 1448, 1288, 1292, 1380]);

describe.each(['auto', 'separate', 'inline'])('use-import-type --style %s: emitted JavaScript is unchanged', async (style) => {
  const after: Record<string, string> = {};
  const warnings = new Map<string, Warning[]>();
  for (const [path, source] of Object.entries(PROJECT)) {
    const others = Object.fromEntries(Object.entries(PROJECT).filter(([p]) => p !== path));
    const out = await applyTransform(transform, { path, source, files: others }, { style }, { compilerOptions: BASE });
    expect(out.error, `${path}: ${out.error?.message}`).toBeUndefined();
    after[path] = out.output;
    warnings.set(path, out.warnings);
  }

  it('changes most files of the project (the comparison is not vacuous)', () => {
    const changed = Object.keys(PROJECT).filter((p) => after[p] !== PROJECT[p]);
    expect(changed.length).toBeGreaterThanOrEqual(18);
  });

  it('emits byte-identical JavaScript for every file, except reported dropped module loads', () => {
    const before = compile(PROJECT, BASE).js;
    const now = compile(after, BASE).js;
    expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
    let dropped = 0;
    // Moving a specifier to its own declaration (--style separate) moves the comments written next to it,
    // and tsc prints comments around elided specifiers: there the JS may differ in comments only.
    const beforeBare = compile(PROJECT, { ...BASE, removeComments: true }).js;
    const nowBare = compile(after, { ...BASE, removeComments: true }).js;
    const commentOnly: string[] = [];
    for (const [name, js] of before) {
      let newJs = now.get(name)!;
      if (newJs === js) continue;
      if (newJs !== js && nowBare.get(name) === beforeBare.get(name)) {
        commentOnly.push(name);
        continue;
      }
      if (style === 'separate') newJs = nowBare.get(name)!;
      const jsCompared = style === 'separate' ? beforeBare.get(name)! : js;
      const source = `/src/${name.slice('/out/'.length).replace(/\.js$/, '')}`;
      const path = [`${source}.ts`, `${source}.tsx`].find((p) => p in PROJECT)!;
      const reported = (warnings.get(path) ?? []).filter((w) => /dropped module load: '([^']+)'/.test(w.message));
      const modules = reported.map((w) => /dropped module load: '([^']+)'/.exec(w.message)![1]!);
      // The new JS is the old JS minus whole statements that load a reported module.
      const oldLines = jsCompared.split('\n');
      const newLines = newJs.split('\n');
      const removed: string[] = [];
      let j = 0;
      for (const line of oldLines) {
        if (j < newLines.length && newLines[j] === line) j++;
        else removed.push(line);
      }
      expect(j, `${name}: the new JS is not the old JS with lines removed\n--- before\n${js}\n--- after\n${newJs}`).toBe(newLines.length);
      for (const line of removed) {
        expect(line, `${name}: removed a line that is not a reported module load`).toMatch(/^(import|export) .*from '([^']+)';$|^import '([^']+)';$/);
        const m = /'([^']+)';$/.exec(line)![1]!;
        expect(modules, `${name}: removed a load of ${m} without reporting it`).toContain(m);
        dropped++;
      }
    }
    expect(dropped).toBeGreaterThan(0);
    expect(commentOnly, 'comment-only differences').toEqual(style === 'separate' ? ['/out/comments.js'] : []);
  });

  it('introduces no new compiler errors', () => {
    const fmt = (d: ts.Diagnostic): string => `${d.file?.fileName}:${d.code}`;
    const before = compile(PROJECT, BASE).diagnostics.map(fmt).sort();
    const now = compile(after, BASE).diagnostics.map(fmt).sort();
    expect(now.filter((d) => !before.includes(d))).toEqual([]);
  });

  it('leaves no type-only import/export error under verbatimModuleSyntax, except those it reported', () => {
    const verbatim = { ...BASE, verbatimModuleSyntax: true };
    const codes = (files: Record<string, string>): ts.Diagnostic[] => compile(files, verbatim).diagnostics.filter((d) => TYPE_ONLY_CODES.has(d.code));
    expect(codes(PROJECT).length, 'the original project should have such errors').toBeGreaterThan(10);
    const left = codes(after).filter((d) => {
      const ws = warnings.get(d.file!.fileName) ?? [];
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start!);
      return !ws.some((w) => w.line === line + 1 && /^left alone/.test(w.message));
    });
    expect(left.map((d) => `${d.file?.fileName}:${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)).toEqual([]);
  });
});
