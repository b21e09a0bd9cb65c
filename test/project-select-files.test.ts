// File selection against git itself: for trees with many kinds of .gitignore rules, the files
// selectFiles() picks are the files `git ls-files --cached --others --exclude-standard` lists.
import { afterAll, describe, expect, it } from 'vitest';
import { selectFiles } from '../src/project/select-files.js';
import { git, makeProject, removeProjects } from './support/e2e.js';

afterAll(removeProjects);

async function selected(dir: string, cwd = dir, paths: string[] = []): Promise<string[]> {
  const files = await selectFiles({ cwd, paths, gitignore: true, ignorePatterns: [], extensions: ['ts'] });
  return files.filter((f) => !f.skipReason).map((f) => f.path.slice(dir.length + 1));
}

function gitSees(dir: string, sub = ''): string[] {
  const out = git(dir, 'ls-files', '--cached', '--others', '--exclude-standard', '--', sub || '.');
  return out
    .split('\n')
    .filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.split('/').includes('node_modules'))
    .sort();
}

const TREE: Record<string, string> = {
  '.gitignore': ['# comments and blank lines', '', '*.gen.ts', '/root-only.ts', 'build/', 'logs/**/*.ts', '!logs/keep/**', 'tmp*', '\\#hash.ts', 'trailing.ts   '].join('\n'),
  'root-only.ts': '',
  'a/root-only.ts': '',
  'x.gen.ts': '',
  'a/b/y.gen.ts': '',
  'build/out.ts': '',
  'a/build/out.ts': '',
  'logs/a.ts': '',
  'logs/deep/b.ts': '',
  'logs/keep/c.ts': '',
  'tmp1.ts': '',
  'tmpdir/z.ts': '',
  '#hash.ts': '',
  'trailing.ts': '',
  'src/.gitignore': ['!*.gen.ts', 'local/', '/anchored.ts', 'only-dir.ts/'].join('\n'),
  'src/k.gen.ts': '',
  'src/local/l.ts': '',
  'src/anchored.ts': '',
  'src/sub/anchored.ts': '',
  'src/only-dir.ts': '',
  'src/sub/only-dir.ts/inner.ts': '',
  'src/keep.ts': '',
  'src/nested/.gitignore': ['*', '!*/', '!*.ts', 'secret.ts'].join('\n'),
  'src/nested/n.ts': '',
  'src/nested/secret.ts': '',
  'src/nested/deeper/m.ts': '',
  'vendor/.gitignore': '*.ts\n',
  'vendor/v.ts': '',
};

describe('selectFiles and .gitignore', () => {
  it('selects exactly the files git does not ignore', async () => {
    const dir = makeProject(TREE, { git: true });
    const gitList = gitSees(dir);
    expect(gitList).toContain('src/keep.ts'); // the oracle sees files at all
    expect(await selected(dir)).toEqual(gitList);
  });

  it('does so from a subdirectory and for a subdirectory path too', async () => {
    const dir = makeProject(TREE, { git: true });
    expect(await selected(dir, `${dir}/src`)).toEqual(gitSees(dir, 'src'));
    expect(await selected(dir, dir, ['src/nested'])).toEqual(gitSees(dir, 'src/nested'));
  });
});
