import { defineConfig } from 'vitest/config';

// The browser end-to-end test (run by `pnpm test:e2e`, not by `pnpm test`): drives the built app in
// headless Chromium. One file, steps in order, sharing one page.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: '../test-results/e2e.json' },
  },
});
