export { type NamedArray, type SafetensorsDtype, type SafetensorsFile, readSafetensors, writeSafetensors } from './safetensors.js';
export {
  WEIGHTS_FORMAT,
  META,
  exportWeights,
  presetFromWeights,
  loadWeightsInto,
  parseWeights,
  weightsHash,
  type LoadOptions,
} from './model-weights.js';
