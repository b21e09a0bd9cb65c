/**
 * A ProjectUnit wraps one ts-morph Project that is created only when a transform first needs it, so a
 * run of jscodeshift transforms never pays for TypeScript, and a syntactic transform never builds a
 * type checker (ts-morph creates the program lazily, on the first checker request).
 */
import { Project, type ts } from 'ts-morph';
import type { ProjectUnit } from '../engines/work-file.js';
import type { ProjectInfo } from '../transform-api/types.js';

export function createProjectUnit(
  info: ProjectInfo,
  compilerOptions: ts.CompilerOptions,
  settings: { inMemory?: boolean; fileNames?: ReadonlySet<string> } = {},
): ProjectUnit {
  let project: Project | undefined;
  return {
    info,
    compilerOptions,
    fileNames: settings.fileNames ?? new Set(),
    hasProject: () => project !== undefined,
    getProject() {
      project ??= new Project({
        compilerOptions,
        skipAddingFilesFromTsConfig: true,
        skipFileDependencyResolution: true,
        useInMemoryFileSystem: settings.inMemory ?? false,
      });
      return project;
    },
  };
}
