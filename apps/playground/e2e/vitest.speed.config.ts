import { defineConfig } from 'vitest/config';

// Speed of the built app in headless Chromium (`pnpm measure:speed`; not part of any test run).
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['speed.measure.ts'],
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
