// Conventions are enforced by tests, not reviewers (typescript-eslint's docs tests): every built-in
// transform is registered, named in kebab-case verb-first, has its folder, fixtures, sub-command and
// README row, and every fixture folder belongs to a transform.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinTransforms } from '../transforms/index.js';
import { buildProgram } from '../src/cli/main.js';
import { captureOutput } from '../src/report/output.js';
import { readFixtureFolder } from '../src/testing/index.js';
import type { OptionSpec } from '../src/transform-api/types.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const VERBS = ['use', 'add', 'remove', 'replace', 'convert', 'rename', 'migrate', 'prefer', 'inline', 'split'];

describe('built-in transforms', () => {
  it('are registered once each', () => {
    const names = builtinTransforms.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(0);
  });

  it('every transforms/<name> entry is registered', () => {
    const entries = readdirSync(`${root}transforms`)
      .filter((e) => e !== 'index.ts')
      .map((e) => e.replace(/\.ts$/, ''));
    expect(entries.sort()).toEqual(builtinTransforms.map((t) => t.name).sort());
  });

  it('every fixture folder belongs to a transform', () => {
    const folders = readdirSync(`${root}__testfixtures__`);
    expect(folders.sort()).toEqual(builtinTransforms.map((t) => t.name).sort());
  });

  for (const transform of builtinTransforms) {
    describe(transform.name, () => {
      it('is kebab-case and verb-first', () => {
        expect(transform.name).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
        expect(VERBS).toContain(transform.name.split('-')[0]);
      });
      it('has fixtures with no stray files', () => {
        const folder = readFixtureFolder(`${root}__testfixtures__/${transform.name}`);
        expect(folder.cases.length).toBeGreaterThan(0);
        expect(folder.stray).toEqual([]);
      });
      it('has a sub-command with its options', () => {
        const program = buildProgram(captureOutput(), async () => {});
        const sub = program.commands.find((c) => c.name() === transform.name);
        expect(sub?.description()).toBe(transform.summary);
        const flags = sub!.options.map((o) => o.long);
        for (const key of Object.keys(transform.engine === 'ts-morph' ? (transform.options ?? {}) : {})) {
          expect(flags).toContain(`--${kebab(key)}`);
        }
      });
      it('has a README row with its summary and its options', () => {
        expect(readme).toContain(`| \`${transform.name}\` | ${transform.summary} |`);
        for (const [key, spec] of Object.entries((transform.engine === 'ts-morph' ? transform.options : {}) ?? {}) as Array<[string, OptionSpec<unknown>]>) {
          expect(readme, `README row for ${transform.name} --${key}`).toContain(`\`--${kebab(key)}\``);
          expect(readme).toContain(spec.description);
        }
      });
      it('has a summary of one line', () => {
        expect(transform.summary).not.toContain('\n');
        expect(transform.summary.length).toBeLessThan(140);
      });
    });
  }
  it('the fixture folders exist', () => {
    for (const t of builtinTransforms) expect(existsSync(`${root}__testfixtures__/${t.name}`)).toBe(true);
  });
});

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
}
