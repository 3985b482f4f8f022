export type { ModelPreset } from './types.js';
export { PRESETS, presetNames } from './builtin.js';
export { validatePreset, resolvePreset, hopLength, frameRate, encoderFeatureDim } from './validate.js';
