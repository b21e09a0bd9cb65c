// The fixture harness in jscodeshift's layout: a transform with __testfixtures__/<name>.input.js and
// .output.js next to it, tested with codemigrate's defineTest (jscodeshift's signature) and with
// describeFixtures({ prefix }) (codemigrate's stricter checks).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFixtureCase, defineTest, describeFixtures, loadTransformFile, readFixtureFolder } from '../src/testing/index.js';
import { tempDir } from './support/jscodeshift/compare.js';

const LAYOUT = fileURLToPath(new URL('./support/jscodeshift-layout/', import.meta.url));
// jscodeshift tests live in <transform dir>/__tests__ and pass their __dirname.
const dirName = join(LAYOUT, '__tests__');

// As a jscodeshift test file would say it, with only the import changed.
defineTest(dirName, 'use-strict-equality');
defineTest(dirName, 'use-strict-equality', { keepNullChecks: true }, 'use-strict-equality-keep-null-checks');
defineTest(dirName, 'use-strict-equality', null, 'use-strict-equality-nothing-to-do');
defineTest(dirName, 'use-strict-equality', null, 'use-strict-equality-typescript', { parser: 'ts' });
defineTest(dirName, 'use-strict-equality', null, 'nested/jsx-in-subfolder');

// The same cases with codemigrate's own checks (exact text, a second run that changes nothing).
const transform = await loadTransformFile(join(LAYOUT, 'use-strict-equality.js'));
describeFixtures(transform, join(LAYOUT, '__testfixtures__'), { prefix: 'use-strict-equality' });
describeFixtures(transform, join(LAYOUT, '__testfixtures__'), { prefix: 'use-strict-equality-keep-null-checks', options: { keepNullChecks: true } });
describeFixtures(transform, join(LAYOUT, '__testfixtures__'), { prefix: 'nested/jsx-in-subfolder' });

const temps: Array<{ remove(): void }> = [];
afterAll(() => temps.forEach((t) => t.remove()));

describe('the jscodeshift layout catches what jscodeshift’s defineTest catches', () => {
  function copyCase(input: string, output: string): string {
    const tmp = tempDir();
    temps.push(tmp);
    writeFileSync(join(tmp.dir, 'case.input.js'), input);
    writeFileSync(join(tmp.dir, 'case.output.js'), output);
    return tmp.dir;
  }
  const input = readFileSync(join(LAYOUT, '__testfixtures__', 'use-strict-equality.input.js'), 'utf8');
  const output = readFileSync(join(LAYOUT, '__testfixtures__', 'use-strict-equality.output.js'), 'utf8');

  it('a wrong output fails', async () => {
    const dir = copyCase(input, output.replace('===', '=='));
    const folder = readFixtureFolder(dir, { prefix: 'case' });
    await expect(checkFixtureCase(transform, folder, folder.cases[0]!, { prefix: 'case', compare: 'jscodeshift' })).rejects.toThrow();
  });

  it('an empty output file means "returns nothing": a transform that changes the file fails it', async () => {
    const dir = copyCase(input, '');
    const folder = readFixtureFolder(dir, { prefix: 'case' });
    await expect(checkFixtureCase(transform, folder, folder.cases[0]!, { prefix: 'case', compare: 'jscodeshift' })).rejects.toThrow();
  });

  it('like jscodeshift, surrounding whitespace does not count; in codemigrate’s exact mode it does', async () => {
    const dir = copyCase(input, `\n${output}\n\n`);
    const folder = readFixtureFolder(dir, { prefix: 'case' });
    await checkFixtureCase(transform, folder, folder.cases[0]!, { prefix: 'case', compare: 'jscodeshift' });
    await expect(checkFixtureCase(transform, folder, folder.cases[0]!, { prefix: 'case' })).rejects.toThrow();
  });

  it('options reach the transform', async () => {
    const keep = readFixtureFolder(join(LAYOUT, '__testfixtures__'), { prefix: 'use-strict-equality-keep-null-checks' });
    await expect(checkFixtureCase(transform, keep, keep.cases[0]!, { prefix: 'use-strict-equality-keep-null-checks', compare: 'jscodeshift' })).rejects.toThrow();
  });
});
