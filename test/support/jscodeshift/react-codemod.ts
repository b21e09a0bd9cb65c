// react-codemod 5.4.4, a transform package that ships its fixtures (transforms/__testfixtures__) and its
// jscodeshift tests (transforms/__tests__). Fetched with `npm pack` (exact version, checked against the
// registry's sha512) into node_modules/.cache/ on first use, instead of a devDependency: its own
// dependencies (eslint 6, jscodeshift 0.11, inquirer, …) are not needed to run its transforms, which get
// jscodeshift through `api`. Needs the network once; later runs use the cache.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const REACT_CODEMOD = 'react-codemod@5.4.4';
const INTEGRITY = 'sha512-PtaaDiCE4TYcMHv/nhUJV1g0OAjt4tPRrpQa+LOCR4NJTkNis/pcPJlUWPFs14iPQ4vxt9dcD7ZW0E0NOCNiOw==';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The extracted package folder (…/package), fetched on first use. */
export function reactCodemodDir(): string {
  const cache = join(root, 'node_modules', '.cache', 'codemigrate-tests', 'react-codemod-5.4.4');
  const pkg = join(cache, 'package');
  if (existsSync(join(pkg, 'package.json'))) return pkg;
  const tmp = `${cache}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const file = execFileSync('npm', ['pack', REACT_CODEMOD, '--silent'], { cwd: tmp, encoding: 'utf8' }).trim().split('\n').pop()!;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(join(tmp, file))).digest('base64')}`;
  if (integrity !== INTEGRITY) throw new Error(`${REACT_CODEMOD}: integrity ${integrity}, expected ${INTEGRITY}`);
  execFileSync('tar', ['xzf', file], { cwd: tmp });
  mkdirSync(dirname(cache), { recursive: true });
  if (!existsSync(join(pkg, 'package.json'))) {
    rmSync(cache, { recursive: true, force: true });
    renameSync(tmp, cache);
  } else {
    rmSync(tmp, { recursive: true, force: true });
  }
  return pkg;
}

/** One `defineTest(__dirname, transformName, options, testFilePrefix, testOptions)` call of a jscodeshift test file. */
export interface DefineTestCall {
  testFile: string;
  dirName: string;
  transformName: string;
  options: Record<string, unknown> | null;
  prefix: string;
  /** testOptions.parser, or the parser a `jest.mock` of the transform module sets around the call. */
  parser?: string;
  /** Where the parser came from: a jest.mock overrides the module's own export, which the runner cannot see. */
  parserFromMock: boolean;
}

/**
 * Collects the defineTest calls of react-codemod's own test files by evaluating them with stubs (describe
 * runs its body, beforeEach runs at once inside its describe so a `jest.mock(…, () => ({ parser }))`
 * is seen, it/test are ignored). Tests that do not use defineTest are not collected.
 */
export function collectDefineTests(testsDir: string): DefineTestCall[] {
  const calls: DefineTestCall[] = [];
  for (const name of readdirSync(testsDir).filter((f) => f.endsWith('.js')).sort()) {
    const testFile = join(testsDir, name);
    const mockParsers: Array<string | undefined> = [undefined];
    const current = (): string | undefined => mockParsers[mockParsers.length - 1];
    const defineTest = (
      dirName: string,
      transformName: string,
      options: Record<string, unknown> | null,
      prefix?: string,
      testOptions?: { parser?: string },
    ): void => {
      calls.push({
        testFile,
        dirName,
        transformName,
        options: options ?? null,
        prefix: prefix || transformName,
        parser: testOptions?.parser ?? current(),
        parserFromMock: !testOptions?.parser && current() !== undefined,
      });
    };
    const jest = {
      mock(_path: string, factory: () => { parser?: string }) {
        mockParsers[mockParsers.length - 1] = factory().parser;
      },
      resetModules() {},
    };
    const requireStub = Object.assign(
      (id: string) => {
        if (id.endsWith('testUtils')) return { defineTest };
        return {};
      },
      { requireActual: () => ({}) },
    );
    const context = vm.createContext({
      require: requireStub,
      __dirname: testsDir,
      module: { exports: {} },
      describe: (_: string, body: () => void) => {
        mockParsers.push(current());
        body();
        mockParsers.pop();
      },
      beforeEach: (fn: () => void) => fn(),
      afterEach: () => {},
      it: () => {},
      test: () => {},
      expect: () => ({}),
      jest,
    });
    vm.runInContext(readFileSync(testFile, 'utf8'), context, { filename: testFile });
  }
  return calls;
}
