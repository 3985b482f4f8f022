import { packageBuild } from '../../tooling/tsup.package.js';

export default packageBuild('neutral', {
  // tfjs-core's gradient registrations ship only as ESM with extensionless imports, which plain
  // Node cannot load: bundle that module (and what it imports) into our dist. The public
  // '@tensorflow/tfjs-core' entry stays external (one engine, shared registries).
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
  esbuildOptions(options) {
    options.mainFields = ['module', 'main'];
  },
});
