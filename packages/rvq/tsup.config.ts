import { packageBuild } from '../../tooling/tsup.package.js';

export default packageBuild('neutral');
