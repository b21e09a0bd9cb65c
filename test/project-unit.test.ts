/**
 * The project unit's JSDoc parsing mode: transforms that declare `needsJsDoc: false` let files parse
 * JSDoc as tsc does. ts-morph has no option for it (src/project/project-unit.ts replaces three methods
 * of its document registry), so these tests also catch a ts-morph upgrade that breaks the replacement.
 */
import { describe, expect, it } from 'vitest';
import { Node, ts } from 'ts-morph';
import { executeTransforms } from '../src/pipeline/execute.js';
import { createWorkFile } from '../src/engines/work-file.js';
import { createProjectUnit } from '../src/project/project-unit.js';
import { defineTransform } from '../src/transform-api/define-transform.js';

const SOURCE = [
  "import { Helper } from './helper';",
  '/** Plain documentation. */',
  'export function documented(): number { return 1; }',
  '/** See {@link Helper}. */',
  'export const linked: Helper = { n: 1 };',
  'export const wrong: number = "text";',
  '',
].join('\n');
const HELPER = 'export interface Helper { n: number }\n';
const OPTIONS: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, types: [] };

function load(jsDoc?: 'all' | 'for-type-errors') {
  const unit = createProjectUnit({}, OPTIONS, { inMemory: true, ...(jsDoc ? { jsDoc } : {}) });
  const project = unit.getProject();
  project.createSourceFile('/helper.ts', HELPER);
  const file = project.createSourceFile('/main.ts', SOURCE);
  const docsOf = (name: string): number => {
    const decl = file.getFunction(name) ?? file.getVariableStatement(name);
    return Node.isJSDocable(decl!) ? decl.getJsDocs().length : -1;
  };
  return { unit, project, file, docsOf };
}

describe('JSDoc parsing mode of a project unit', () => {
  it('parses every JSDoc comment by default, as ts-morph does', () => {
    const { unit, file, docsOf } = load();
    expect(unit.jsDoc).toBe('all');
    expect((file.compilerNode as { jsDocParsingMode?: ts.JSDocParsingMode }).jsDocParsingMode).toBe(ts.JSDocParsingMode.ParseAll);
    expect(docsOf('documented')).toBe(1);
    expect(docsOf('linked')).toBe(1);
  });

  it("parses only what tsc parses with 'for-type-errors', and the checker reuses those trees and answers as tsc", () => {
    const { project, file, docsOf } = load('for-type-errors');
    expect((file.compilerNode as { jsDocParsingMode?: ts.JSDocParsingMode }).jsDocParsingMode).toBe(ts.JSDocParsingMode.ParseForTypeErrors);
    expect(docsOf('documented')).toBe(0);
    expect(docsOf('linked')).toBe(1);
    const diagnostics = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()}:${d.getLineNumber()} TS${d.getCode()}`);
    expect(diagnostics).toEqual(['main.ts:6 TS2322']);
    // The program holds the same trees ts-morph parsed (no second parse), and an edit re-parses in the same mode.
    expect(project.getProgram().compilerObject.getSourceFile('/main.ts')).toBe(file.compilerNode);
    const edited = project.createSourceFile('/main.ts', SOURCE.replace('"text"', '2'), { overwrite: true });
    expect((edited.compilerNode as { jsDocParsingMode?: ts.JSDocParsingMode }).jsDocParsingMode).toBe(ts.JSDocParsingMode.ParseForTypeErrors);
    expect(project.getPreEmitDiagnostics()).toHaveLength(0);
    expect(project.getProgram().compilerObject.getSourceFile('/main.ts')).toBe(edited.compilerNode);
  });

  it('cannot change the mode once the project exists', () => {
    const { unit } = load('all');
    expect(() => unit.setJsDocParsing('for-type-errors')).toThrow(/before the project is created/);
  });
});

describe('the run picks the JSDoc parsing mode from its transforms', () => {
  const reader = (name: string, needsJsDoc?: boolean) =>
    defineTransform({
      name,
      summary: 'counts JSDoc comments',
      ...(needsJsDoc === undefined ? {} : { needsJsDoc }),
      collect(file, ctx) {
        ctx.warn(0, `${file.getFunctions()[0]!.getJsDocs().length} JSDoc`);
        return undefined;
      },
      apply: () => [],
    });

  async function run(...transforms: ReturnType<typeof reader>[]) {
    const unit = createProjectUnit({}, OPTIONS, { inMemory: true });
    const file = createWorkFile('/main.ts', SOURCE, false, unit);
    await executeTransforms(transforms.map((transform) => ({ transform, options: {} })), [file], [unit]);
    return { mode: unit.jsDoc, seen: file.warnings.map((w) => `${w.transform}: ${w.message}`) };
  }

  it('parses JSDoc as tsc does when no transform reads it', async () => {
    expect(await run(reader('no-docs', false))).toEqual({ mode: 'for-type-errors', seen: ['no-docs: 0 JSDoc'] });
  });

  it('parses all of it when one transform of the run reads it (the default), for every transform of the run', async () => {
    expect(await run(reader('no-docs', false), reader('docs'))).toEqual({ mode: 'all', seen: ['no-docs: 1 JSDoc', 'docs: 1 JSDoc'] });
    expect(await run(reader('docs', true))).toEqual({ mode: 'all', seen: ['docs: 1 JSDoc'] });
  });
});
