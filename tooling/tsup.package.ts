import { type Options, defineConfig } from 'tsup';

/**
 * The build every publishable package shares: ESM + .d.ts from src/index.ts into dist/.
 * `neutral` packages run in Node and browsers; `node` ones may import node: modules.
 */
export function packageBuild(platform: 'neutral' | 'node', extra: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform,
    ...extra,
  });
}
