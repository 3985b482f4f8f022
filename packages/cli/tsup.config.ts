import { packageBuild } from '../../tooling/tsup.package.js';

export default packageBuild('node', { entry: ['src/index.ts', 'src/bin.ts'] });
