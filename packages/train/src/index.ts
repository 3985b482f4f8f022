export const VERSION = '0.1.0';

export { TrainError, type TrainErrorCode } from './errors.js';

// signal
export { hannWindow } from './signal/window.js';
export { windowedDftBasis } from './signal/dft-basis.js';
export { Stft, reflectPad, toBatchTime, type StftOptions, type StftPadding, type ComplexSpectrogram } from './signal/stft.js';
export { complexMagnitude } from './signal/magnitude.js';
export { hzToMel, melToHz, melFilterBank, melFilterBankTransposed, type MelFilterOptions } from './signal/mel-filters.js';
export { MelSpectrogram, type MelSpectrogramOptions } from './signal/mel-spectrogram.js';

// losses
export { detach } from './losses/detach.js';
export { MultiScaleMelLoss, DAC_MEL_WINDOWS, DAC_MEL_BANDS, type MelLossOptions } from './losses/mel-loss.js';
export { MultiScaleStftLoss, type StftLossOptions } from './losses/stft-loss.js';
export { waveformL1 } from './losses/waveform.js';
export { siSdr, meanSiSdr } from './losses/si-sdr.js';
export {
  discriminatorLoss,
  generatorAdversarialLoss,
  featureMatchingLoss,
  type FeatureMaps,
} from './losses/gan.js';

// optimisation
export { AdamW, type AdamWOptions, type AdamWState, type StepResult } from './optim/adamw.js';
export { globalNorm, globalNormTensor, clipByGlobalNorm, clipCoefficient } from './optim/grad-norm.js';
export { exponentialLr } from './optim/lr-schedule.js';

// discriminators
export { Discriminator, disposeFeatureMaps, type DiscriminatorOptions } from './disc/discriminator.js';
export { PeriodDiscriminator, MPD_CHANNELS } from './disc/mpd.js';
export { MultiBandStftDiscriminator, MRD_BANDS } from './disc/mrd.js';
export { WNConv2dLeaky } from './disc/conv-act.js';
export { discriminatorPreprocess } from './disc/preprocess.js';

// data
export { LruCache } from './data/lru-cache.js';
export { seedFor } from './data/seed.js';
export { rescaleAudio, shiftPhase, volumeNorm } from './data/augment.js';
export { randomExcerpt, salientExcerpt, DEFAULT_SALIENCE, type SalienceOptions } from './data/excerpt.js';
export { generateClip, GENERATED_KINDS, type GeneratedKind } from './data/generated.js';
export { type AudioSource, FileSource, GeneratedSource, type GeneratedSourceOptions } from './data/sources.js';
export { AudioStore } from './data/audio-store.js';
export {
  AUDIO_EXTENSIONS,
  LIST_EXTENSIONS,
  listAudioFiles,
  parseListFile,
  groupsFromDirectory,
  splitHeldOut,
  type GroupSpec,
} from './data/files.js';
export { BatchLoader, DEFAULT_AUGMENT, type AugmentOptions, type BatchLoaderOptions, type Batch } from './data/loader.js';
export { buildValidationSet, type ValidationItem } from './data/validation-set.js';

// runs
export type { TrainConfig, TrainConfigOverrides, DataSpec } from './run/config.js';
export { PAPER_44K, TINY_CPU, TRAIN_PRESETS, trainPresetNames } from './run/presets.js';
export { validateTrainConfig, resolveTrainConfig, mergeConfig } from './run/validate-config.js';
export { train, type TrainOptions, type TrainResult } from './run/train.js';
export { trainStep, type StepContext, type StepMetrics } from './run/step.js';
export { setupData, type TrainingData } from './run/data-setup.js';
export { validateCodec, type ValidationResult, type ValidationOptions, type RatePoint } from './run/validate.js';
export { saveCheckpoint, loadLatestCheckpoint, TRAIN_STATE_KEY, type CheckpointContents, type TrainStateMeta } from './run/checkpoint.js';
export { RUN_FILES, MetricsLog, writeFileAtomic, type MetricsRecord } from './run/run-dir.js';
export { renderReport } from './run/report.js';
export { lineChart, type Series, type ChartOptions } from './run/svg-chart.js';
export { Throughput, type TrainProgress } from './run/progress.js';
export { withoutTape } from './run/tape.js';
export { loadTrainConfig } from './run/load-config.js';
