import { describe, expect, it } from 'vitest';
import { applyTransform, describeFixtures } from '../src/testing/index.js';
import transform from '../transforms/use-async-local-storage/index.js';
import { baseCompilerOptions } from './support/use-async-local-storage/driver.js';

const fixtures = new URL('../__testfixtures__/use-async-local-storage/', import.meta.url);
describeFixtures(transform, fixtures);
// Folders with their own tsconfig: a project without @types/node, a project whose lib includes DOM.
describeFixtures(transform, new URL('no-node-types/', fixtures));
describeFixtures(transform, new URL('dom-lib/', fixtures));

const scoped = `let tenant = 'none';

export function withTenant<T>(next: string, fn: () => T): T {
  const prev = tenant;
  tenant = next;
  try {
    return fn();
  } finally {
    tenant = prev;
  }
}
`;

describe('use-async-local-storage and package.json', () => {
  const compilerOptions = { ...baseCompilerOptions, types: ['node'] };
  it("leaves an isomorphic package (package.json 'browser' field) alone, with a warning", async () => {
    const result = await applyTransform(
      transform,
      { path: 'iso.ts', source: scoped },
      {},
      { compilerOptions, projectInfo: { packageJson: { path: '/p/package.json', text: '{}', data: { name: 'p', browser: './dist/browser.js' } } } },
    );
    expect(result.output).toBe(scoped);
    expect(result.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      "1:5 left alone: 'tenant': isomorphic package (package.json 'browser' field or 'browser' export condition); a static import of node:async_hooks would break the browser bundle",
    ]);
  });

  it('converts the same module in a Node package (engines.node)', async () => {
    const result = await applyTransform(
      transform,
      { path: 'node.ts', source: scoped },
      {},
      { compilerOptions, projectInfo: { packageJson: { path: '/p/package.json', text: '{}', data: { name: 'p', engines: { node: '>=20' } } } } },
    );
    expect(result.output).toContain("return tenantStorage.run(next, () => fn());");
    expect(result.output).toContain("import { AsyncLocalStorage } from 'node:async_hooks';");
  });
});
