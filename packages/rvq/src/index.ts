/**
 * @vrvq/rvq — residual vector quantization with variable bitrate (VRVQ) on TensorFlow.js.
 *
 * Layout contract (channels-last): latent z `[B, T, D]`, importance map p `[B, T, 1]`, masks
 * `[B, T, Nq]` (levels on the last axis), codes int32 `[B, Nq, T]`, per-(item, level, frame) VQ
 * losses `[B, Nq, T]` (same axes as codes). Parameters use PyTorch layout and state_dict names.
 */

// Module base, parameters, randomness
export { Module } from './nn/module.js';
export { ModuleList } from './nn/module-list.js';
export { weightNorm, weightNormInitialG } from './nn/weight-norm.js';
export { kaimingUniform, standardNormal } from './nn/init.js';
export { Rng } from './nn/rng.js';

// Errors
export { RvqError, type RvqErrorCode } from './errors.js';

// Differentiable helpers
export { stopGradient } from './ops/stop-gradient.js';
export { straightThrough } from './ops/straight-through.js';
export { gatherRows } from './ops/gather-rows.js';

// Quantizers
export { PointwiseConv } from './vq/pointwise-conv.js';
export { Codebook } from './vq/codebook.js';
export { nearestCodes, l2NormalizeRows } from './vq/nearest-codes.js';
export { VectorQuantizer, type VqLevelOutput } from './vq/vector-quantizer.js';
export { ResidualVectorQuantizer, type RvqConfig, type RvqOutput } from './vq/residual-vq.js';
export { maskedSum } from './vq/masked-sum.js';
export { maskedVqLosses, type VqLosses } from './vq/vq-losses.js';

// Masks
export {
  type SurrogateKind,
  logCosh,
  logCoshSurrogate,
  rampSurrogate,
  surrogate,
  logCoshSurrogateValue,
  logCoshSurrogateDerivative,
} from './mask/surrogate.js';
export { type MaskEstimator, hardMask, levelScale, importanceToMask, importanceToCounts } from './mask/importance-to-mask.js';
export { countsToMask, maskToCounts, itemPrefixMask, cbrMask } from './mask/prefix.js';
export { quantizerDropoutCounts, quantizerDropoutMask } from './mask/dropout.js';
export { type LevelSampling, DEFAULT_LEVEL_SAMPLING, sampleLevels } from './mask/levels.js';
export { type TrainingMaskOptions, type TrainingMask, buildTrainingMask } from './mask/training-mask.js';

// Rates
export {
  type RateMode,
  type RateConfig,
  type ClipBits,
  bitsPerCode,
  sideInfoBitsPerFrame,
  framePayloadBits,
  frameRate,
  clipBits,
  bitsToKbps,
  clipKbps,
  constantRateKbps,
} from './rate/bits.js';
export { countsFromImportance } from './rate/counts.js';
export { type TargetRateResult, levelForTargetKbps } from './rate/target-kbps.js';
