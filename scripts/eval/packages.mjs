// The workspace packages the scripts use, imported from their built `dist` (build them with
// `npx pnpm@10.34.9 --filter @vrvq/cli... build`), and the one tfjs-core instance they share.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { EvaluationError } from './errors.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
for (const name of ['core', 'rvq', 'audio', 'cli']) {
  if (!existsSync(`${root}packages/${name}/dist/index.js`)) {
    throw new EvaluationError('missing_file', `packages/${name}/dist is missing: run \`npx pnpm@10.34.9 --filter @vrvq/cli... build\` first.`);
  }
}

export const core = await import('../../packages/core/dist/index.js');
export const rvq = await import('../../packages/rvq/dist/index.js');
export const audio = await import('../../packages/audio/dist/index.js');
export const cli = await import('../../packages/cli/dist/index.js');
/** tfjs-core exactly as @vrvq/core resolves it (one module instance, one backend registry). */
export const tf = await import(createRequire(`${root}packages/core/package.json`).resolve('@tensorflow/tfjs-core'));
