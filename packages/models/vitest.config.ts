import { packageTests } from '../../tooling/vitest.package.js';

export default packageTests();
