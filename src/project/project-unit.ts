/**
 * A ProjectUnit wraps one ts-morph Project that is created only when a transform first needs it, so a
 * run of jscodeshift transforms never pays for TypeScript, and a syntactic transform never builds a
 * type checker (ts-morph creates the program lazily, on the first checker request).
 */
import { Project, ts } from '../ts-morph.cjs';
import type { JsDocParsing, ProjectUnit } from '../engines/work-file.js';
import type { ProjectInfo } from '../transform-api/types.js';

export function createProjectUnit(
  info: ProjectInfo,
  compilerOptions: ts.CompilerOptions,
  settings: { inMemory?: boolean; fileNames?: ReadonlySet<string>; jsDoc?: JsDocParsing } = {},
): ProjectUnit {
  let project: Project | undefined;
  let jsDoc: JsDocParsing = settings.jsDoc ?? 'all';
  return {
    info,
    compilerOptions,
    fileNames: settings.fileNames ?? new Set(),
    hasProject: () => project !== undefined,
    get jsDoc() {
      return jsDoc;
    },
    setJsDocParsing(mode) {
      if (project && mode !== jsDoc) throw new Error('the JSDoc parsing mode must be set before the project is created');
      jsDoc = mode;
    },
    getProject() {
      if (!project) {
        project = new Project({
          compilerOptions,
          skipAddingFilesFromTsConfig: true,
          skipFileDependencyResolution: true,
          useInMemoryFileSystem: settings.inMemory ?? false,
        });
        if (jsDoc === 'for-type-errors') parseJsDocForTypeErrorsOnly(project);
      }
      return project;
    },
  };
}

/** What ts-morph 28's DocumentRegistry looks like from outside (it is public, but not documented). */
interface DocumentRegistryLike {
  createOrUpdateSourceFile(fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, scriptKind?: ts.ScriptKind): ts.SourceFile;
  removeSourceFile(fileName: string): void;
  acquireDocument(fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, version: string, scriptKind?: ts.ScriptKind): ts.SourceFile;
  getSourceFileVersion(sourceFile: ts.SourceFile): string;
}

/**
 * Makes every file of `project` parse JSDoc as `tsc` does (`JSDocParsingMode.ParseForTypeErrors`: in
 * .ts/.tsx files only comments with `@see`/`@link`; all of it in JavaScript files). On a well-documented
 * code base that is about a quarter of the parse time. Type-checker answers are those of `tsc`.
 *
 * ts-morph has no option for this: its DocumentRegistry parses with TypeScript's default (ParseAll).
 * So the registry's three methods that parse or cache are replaced, keeping its contract (one cached
 * tree per standardized path, versions counted up from "0"). If a ts-morph upgrade changes that shape,
 * this throws, and the test of the JSDoc parsing mode fails instead of the run silently slowing down.
 */
function parseJsDocForTypeErrorsOnly(project: Project): void {
  const context = (project as unknown as { _context?: { compilerFactory?: { documentRegistry?: unknown }; fileSystemWrapper?: unknown } })._context;
  const registry = context?.compilerFactory?.documentRegistry as DocumentRegistryLike | undefined;
  const fileSystem = context?.fileSystemWrapper as { getStandardizedAbsolutePath(path: string): string } | undefined;
  if (
    !registry ||
    !fileSystem ||
    typeof registry.createOrUpdateSourceFile !== 'function' ||
    typeof registry.acquireDocument !== 'function' ||
    typeof registry.removeSourceFile !== 'function' ||
    typeof fileSystem.getStandardizedAbsolutePath !== 'function'
  ) {
    throw new Error('ts-morph internals changed: cannot set the JSDoc parsing mode (see src/project/project-unit.ts)');
  }
  const trees = new Map<string, ts.SourceFile>();
  const parse = (fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, version: string, scriptKind?: ts.ScriptKind): ts.SourceFile => {
    const options: ts.CreateSourceFileOptions = {
      languageVersion: settings.target ?? ts.ScriptTarget.Latest,
      jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors,
    };
    const tree = ts.createLanguageServiceSourceFile(fileName, snapshot, options, version, true, scriptKind);
    trees.set(fileName, tree);
    return tree;
  };
  registry.createOrUpdateSourceFile = (fileName, settings, snapshot, scriptKind) => {
    const old = trees.get(fileName);
    const version = old ? String((Number.parseInt(registry.getSourceFileVersion(old), 10) || 0) + 1) : '0';
    return parse(fileName, settings, snapshot, version, scriptKind);
  };
  registry.removeSourceFile = (fileName) => {
    trees.delete(fileName);
  };
  registry.acquireDocument = (fileName, settings, snapshot, version, scriptKind) => {
    const path = fileSystem.getStandardizedAbsolutePath(fileName);
    const cached = trees.get(path);
    return cached && registry.getSourceFileVersion(cached) === version ? cached : parse(path, settings, snapshot, version, scriptKind);
  };
}
