import { packageBuild } from '../../tooling/tsup.package.js';

// inference-worker.js is the entry of the worker threads of --threads (src/parallel/worker.ts); the
// pool finds it next to the bundle it is part of.
export default packageBuild('node', { entry: { index: 'src/index.ts', bin: 'src/bin.ts', 'inference-worker': 'src/parallel/worker.ts' } });
