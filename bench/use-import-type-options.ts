/** The compiler options the use-import-type bench scripts use for a corpus (its src/ ships no usable tsconfig). */
import { ts } from 'ts-morph';

export function corpusOptions(_pkgRoot: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    types: [],
  };
}

/** The same options as tsconfig.json text, for the tools that read a tsconfig (typescript-eslint). */
export const CORPUS_TSCONFIG = {
  compilerOptions: {
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['es2022', 'dom'],
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    types: [],
    noEmit: true,
  },
  include: ['src/**/*.ts'],
};
