import type { GroupSpec } from '../data/files.js';
import type { GeneratedKind } from '../data/generated.js';
import type { QuietRate } from '../losses/quiet-rate.js';

/** Where training (or validation) audio comes from. */
export type DataSpec =
  /** A folder as `scripts/make-training-set` writes it: one group per sub-folder (or manifest.tsv). */
  | { dir: string }
  /** Explicit named groups of folders / list files / audio files. */
  | { groups: GroupSpec[] }
  /** Synthetic audio (sines, chirps, noise bursts, silence, AM tones). */
  | { generated: { count?: number; clipSeconds?: number; kinds?: GeneratedKind[] } };

/** Everything a run is determined by. Plain JSON; stored as `config.json` in the run folder. */
export interface TrainConfig {
  /** Config (preset) name, e.g. `tiny-cpu`. */
  name: string;
  /** Core model preset name (see `@vrvq/core` PRESETS) or a full preset object. */
  model: string | Record<string, unknown>;
  /** `vbr`: VRVQ importance masks; `cbr`: DAC quantizer dropout. */
  mode: 'vbr' | 'cbr';
  seed: number;
  /** Total optimisation steps. */
  steps: number;
  batchSize: number;
  /** Training excerpt length (DAC/VRVQ: 0.38 s); the model input is right-padded to a hop multiple. */
  excerptSeconds: number;
  optimizer: {
    lr: number;
    betas: [number, number];
    eps: number;
    weightDecay: number;
    /** ExponentialLR γ per step (DAC: 0.999996). */
    lrDecay: number;
    /** Global-norm clip for the generator (DAC: 1000) and the discriminator (DAC: 10). */
    gradClipG: number;
    gradClipD: number;
  };
  quantizer: {
    /** ℓ ~ U[min, max] (or log-uniform) per importance-masked item. */
    levels: { min: number; max: number; distribution: 'uniform' | 'loguniform' };
    /** VBR: share of the batch (last items) with all codebooks (VRVQ: 0.25). */
    fullCodebookRate: number;
    /** Share of items with a random prefix (quantizer dropout; CBR/DAC: 0.5, VBR: 0). */
    dropoutRate: number;
    estimator: 'logcosh' | 'ramp' | 'sigmoid';
    alpha: number;
    detachImportanceInput: boolean;
    /**
     * Steps at the start of a VBR run trained as DAC/CBR instead (quantizer dropout on half the
     * batch, no importance masks, no rate loss), so the decoder learns to use every level before
     * the importance map starts. 0 (default) = the paper's recipe. With small batches the deeper
     * levels are still noise when VBR starts from scratch, the distortion gradient then pushes the
     * importance map down with the rate loss, and it saturates near 0 (one codebook everywhere).
     */
    cbrWarmupSteps: number;
    /**
     * Extra rate-loss weight on quiet frames (VBR; `boost` 0 = off = the paper), see
     * `quietRateWeights`: frames at or below `toDb` dBFS cost (1 + boost)× the rate.
     */
    quietRate: QuietRate;
  };
  /** Loss weights of the generator objective. */
  lambdas: {
    mel: number;
    feature: number;
    adversarial: number;
    codebook: number;
    commitment: number;
    rate: number;
  };
  gan: {
    enabled: boolean;
    /** Steps before the discriminator and the adversarial/feature terms switch on. */
    startStep: number;
    periods: number[];
    fftSizes: number[];
    /** Discriminator channel multiplier (1 = DAC). */
    channelScale: number;
  };
  /** Multi-scale mel loss scales (DAC: 7 windows 32…2048 with 5…320 mels). */
  mel: { windowLengths: number[]; nMels: number[] };
  data: {
    train: DataSpec;
    /** Held-out share of the training files, or a separate source. */
    validation: { share: number } | DataSpec;
    /** Salient-excerpt rejection, or null for plain random excerpts. */
    salience: { minLufs: number; maxDraws: number; keepQuietShare: number } | null;
    augment: { rescale: boolean; shiftPhase: boolean; volumeNormLufs: number | null };
    /** Decoded-audio cache budget. */
    cacheMb: number;
    /** Batches decoded ahead. */
    prefetch: number;
  };
  validation: {
    /** Validate every N steps (and at the end). 0 = only at the end. */
    every: number;
    /** Number of fixed validation excerpts. */
    count: number;
    seconds: number;
    /** ℓ values for VBR rate–distortion points. */
    levels: number[];
    /** Codebook counts for CBR points. */
    cbrCounts: number[];
  };
  checkpoint: {
    /** Checkpoint every N steps (and at the end). */
    every: number;
    /** Checkpoints kept (older ones are deleted). */
    keep: number;
  };
  /** Append a `metrics.jsonl` line (and compute the monitor losses) every N steps. */
  logEvery: number;
  /**
   * Exponential moving average of the generator weights (avg ← d·avg + (1 − d)·w after every
   * optimiser step). With d > 0, validation, `model.safetensors` and each checkpoint's
   * `model-ema.safetensors` hold the averaged weights; training itself is unchanged. 0 = off
   * (configs written before this field existed read as off).
   */
  ema: { decay: number };
}

/** A partial config: any subset of fields, nested objects merged field by field. */
export type TrainConfigOverrides = {
  [K in keyof TrainConfig]?: TrainConfig[K] extends unknown[]
    ? TrainConfig[K]
    : TrainConfig[K] extends Record<string, unknown>
      ? Partial<TrainConfig[K]>
      : TrainConfig[K];
};
