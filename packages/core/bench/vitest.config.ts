import { defineConfig } from 'vitest/config';

// `pnpm bench`: runs bench/*.bench.ts once as plain tests that print GFLOP/s tables.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 600_000,
    reporters: ['default'],
  },
});
