export const VERSION = '0.1.0';

export { AudioStore } from './data/audio-store.js';
export { rescaleAudio, shiftPhase, volumeNorm } from './data/augment.js';
export { DEFAULT_SALIENCE, randomExcerpt, type SalienceOptions, salientExcerpt } from './data/excerpt.js';
export {
  AUDIO_EXTENSIONS,
  type GroupSpec,
  groupsFromDirectory,
  LIST_EXTENSIONS,
  listAudioFiles,
  parseListFile,
  splitHeldOut,
} from './data/files.js';
export { GENERATED_KINDS, type GeneratedKind, generateClip } from './data/generated.js';
export { type AugmentOptions, type Batch, BatchLoader, type BatchLoaderOptions, DEFAULT_AUGMENT } from './data/loader.js';
// data
export { LruCache } from './data/lru-cache.js';
export { seedFor } from './data/seed.js';
export { type AudioSource, FileSource, GeneratedSource, type GeneratedSourceOptions } from './data/sources.js';
export { buildValidationSet, type ValidationItem } from './data/validation-set.js';
export { WNConv2dLeaky } from './disc/conv-act.js';
// discriminators
export { Discriminator, type DiscriminatorOptions, disposeFeatureMaps } from './disc/discriminator.js';
export { MPD_CHANNELS, PeriodDiscriminator } from './disc/mpd.js';
export { MRD_BANDS, MultiBandStftDiscriminator } from './disc/mrd.js';
export { discriminatorPreprocess } from './disc/preprocess.js';
export { TrainError, type TrainErrorCode } from './errors.js';
// losses
export { detach } from './losses/detach.js';
export {
  discriminatorLoss,
  type FeatureMaps,
  featureMatchingLoss,
  generatorAdversarialLoss,
} from './losses/gan.js';
export { DAC_MEL_BANDS, DAC_MEL_WINDOWS, type MelLossOptions, MultiScaleMelLoss } from './losses/mel-loss.js';
export { QUIET_RATE_OFF, type QuietRate, quietRateWeights } from './losses/quiet-rate.js';
export { meanSiSdr, siSdr } from './losses/si-sdr.js';
export { MultiScaleStftLoss, type StftLossOptions } from './losses/stft-loss.js';
export { waveformL1 } from './losses/waveform.js';
// optimisation
export { AdamW, type AdamWOptions, type AdamWState, type StepResult } from './optim/adamw.js';
export { WeightAverage } from './optim/ema.js';
export { clipByGlobalNorm, clipCoefficient, globalNorm, globalNormTensor } from './optim/grad-norm.js';
export { exponentialLr } from './optim/lr-schedule.js';
export { AVERAGE_FILE, type CheckpointContents, loadLatestCheckpoint, saveCheckpoint, TRAIN_STATE_KEY, type TrainStateMeta } from './run/checkpoint.js';
// runs
export type { DataSpec, TrainConfig, TrainConfigOverrides } from './run/config.js';
export { setupData, type TrainingData } from './run/data-setup.js';
export { loadTrainConfig } from './run/load-config.js';
export { PAPER_44K, TINY_CPU, TRAIN_PRESETS, trainPresetNames } from './run/presets.js';
export { Throughput, type TrainProgress } from './run/progress.js';
export { renderReport } from './run/report.js';
export { MetricsLog, type MetricsRecord, RUN_FILES, writeFileAtomic } from './run/run-dir.js';
export { hasPath, parseSetting, type Setting, setPath } from './run/settings.js';
export { type StepContext, type StepMetrics, trainStep } from './run/step.js';
export { type ChartOptions, lineChart, type Series } from './run/svg-chart.js';
export { withoutTape } from './run/tape.js';
export { type TrainOptions, type TrainResult, train } from './run/train.js';
export { type RatePoint, type ValidationOptions, type ValidationResult, validateCodec } from './run/validate.js';
export { mergeConfig, resolveTrainConfig, validateTrainConfig } from './run/validate-config.js';
export { windowedDftBasis } from './signal/dft-basis.js';
export { complexMagnitude } from './signal/magnitude.js';
export { hzToMel, type MelFilterOptions, melFilterBank, melFilterBankTransposed, melToHz } from './signal/mel-filters.js';
export { MelSpectrogram, type MelSpectrogramOptions } from './signal/mel-spectrogram.js';
export { type ComplexSpectrogram, reflectPad, Stft, type StftOptions, type StftPadding, toBatchTime } from './signal/stft.js';
// signal
export { hannWindow } from './signal/window.js';
