import { describe, expect, it } from 'vitest';
import { applyTransform, describeFixtures, readFixtureFolder } from '../src/testing/index.js';
import renameFoo from './support/transforms/rename-foo.js';

describeFixtures(renameFoo, new URL('./fixtures/rename-foo/', import.meta.url));

describe('applyTransform', () => {
  it('runs a transform in memory with options and reports warnings with positions', async () => {
    const out = await applyTransform(renameFoo, { source: 'let foo = "foo";\n' }, { to: 'x' }, { inMemory: true });
    expect(out.status).toBe('changed');
    expect(out.output).toBe('let x = "foo";\n');
    expect(out.warnings.map((w) => `${w.line}:${w.column} ${w.transform}: ${w.message}`)).toEqual([
      '1:11 rename-foo: left alone: "foo" in a string',
    ]);
  });
  it('rejects an unknown option with a hint', async () => {
    await expect(applyTransform(renameFoo, { source: '' }, { nope: 1 })).rejects.toThrow('rename-foo has no option "nope"');
  });
  it('fails a file that does not parse, and keeps its text', async () => {
    const out = await applyTransform(renameFoo, { source: 'let foo = ;;(\n' }, {}, { inMemory: true });
    expect(out.status).toBe('failed');
    expect(out.error?.message).toMatch(/^does not parse: Expression expected\. \(1:11\)$/);
    expect(out.output).toBe('let foo = ;;(\n');
  });
  it('keeps a BOM', async () => {
    const out = await applyTransform(renameFoo, { source: '\uFEFFfoo;\n' }, {}, { inMemory: true });
    expect(out.output).toBe('\uFEFFbar;\n');
  });
});

describe('readFixtureFolder', () => {
  it('finds cases, their files, and no stray files', () => {
    const folder = readFixtureFolder(new URL('./fixtures/rename-foo/', import.meta.url));
    expect(folder.cases.map((c) => [c.name, !!c.outputPath, !!c.optionsPath, !!c.warningsPath])).toEqual([
      ['crlf-kept', true, false, true],
      ['custom-name', true, true, false],
      ['unchanged-no-foo', false, false, false],
    ]);
    expect(folder.stray).toEqual([]);
  });
});
