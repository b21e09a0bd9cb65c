// Builds dist/ once before the tests, so the end-to-end tests run bin/migrate.js on current sources.
// A build failure does not stop the unit tests; the end-to-end tests read it with inject('buildError') and fail.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    buildError: string;
  }
}

export default function setup(project: TestProject): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
    project.provide('buildError', '');
  } catch (error) {
    const e = error as { stdout?: Buffer; message: string };
    project.provide('buildError', `npm run build failed:\n${e.stdout?.toString() ?? e.message}`);
  }
}
