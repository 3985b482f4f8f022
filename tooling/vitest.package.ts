import { defineConfig } from 'vitest/config';

/** Test settings every package shares: src/**\/*.test.ts, generous timeouts, a JSON report for the summary. */
export function packageTests(timeoutMs = 120_000) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: timeoutMs,
      hookTimeout: timeoutMs,
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
    },
  });
}
