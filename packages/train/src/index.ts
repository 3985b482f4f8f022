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
export { globalNorm, clipByGlobalNorm } from './optim/grad-norm.js';
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
