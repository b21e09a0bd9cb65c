import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// src/ts-morph.cts is CommonJS (see its comment), which vitest's module runner cannot evaluate from
// sources: imports of it load the compiled dist/src/ts-morph.cjs natively (global-setup builds dist/).
const tsMorphRuntime = fileURLToPath(new URL('./dist/src/ts-morph.cjs', import.meta.url));

export default defineConfig({
  plugins: [
    {
      name: 'codemigrate-ts-morph-runtime',
      enforce: 'pre',
      resolveId(id) {
        return /(^|\/)ts-morph\.cjs$/.test(id) ? { id: tsMorphRuntime, external: true } : undefined;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['./test/support/global-setup.ts'],
  },
});
