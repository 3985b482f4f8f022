import * as tf from '@tensorflow/tfjs-core';
import { Module, ModuleList, Rng } from '@vrvq/rvq';
import { TrainError } from '../errors.js';
import type { FeatureMaps } from '../losses/gan.js';
import { toBatchTime } from '../signal/stft.js';
import { MPD_CHANNELS, PeriodDiscriminator } from './mpd.js';
import { MRD_BANDS, MultiBandStftDiscriminator } from './mrd.js';
import { discriminatorPreprocess } from './preprocess.js';

export interface DiscriminatorOptions {
  /** MPD periods (DAC: [2, 3, 5, 7, 11]). */
  periods?: number[];
  /** MRD window lengths (DAC: [2048, 1024, 512]). */
  fftSizes?: number[];
  /** MRD bands as fractions of the bins (DAC: 5 bands). */
  bands?: Array<[number, number]>;
  /**
   * Channel multiplier for small CPU runs: MPD widths [32, 128, 512, 1024, 1024] and the MRD
   * width 32 are multiplied by it and rounded (at least 1). Default 1 = DAC.
   */
  channelScale?: number;
  /** Initialisation seed. */
  seed?: number;
}

type SubDiscriminator = PeriodDiscriminator | MultiBandStftDiscriminator;

/**
 * DAC's discriminator: MPDs then MRDs (`discriminators.{i}.…`, MPD first, as in DAC; MSD is off).
 * Input is DC-removed and peak-normalised to 0.8. `apply` returns one list of feature maps per
 * sub-discriminator, each ending with its logit map.
 */
export class Discriminator extends Module {
  readonly discriminators: ModuleList<Module>;
  readonly options: Required<Omit<DiscriminatorOptions, 'seed'>>;
  private readonly subs: SubDiscriminator[];

  constructor(opts: DiscriminatorOptions = {}) {
    super();
    const periods = opts.periods ?? [2, 3, 5, 7, 11];
    const fftSizes = opts.fftSizes ?? [2048, 1024, 512];
    const bands = opts.bands ?? MRD_BANDS;
    const scale = opts.channelScale ?? 1;
    if (!(scale > 0)) throw new TrainError('bad-config', `discriminator channelScale must be > 0, got ${scale}`);
    for (const w of fftSizes) {
      if (!Number.isInteger(w) || w < 8 || w % 4 !== 0) {
        throw new TrainError('bad-config', `discriminator FFT size ${w} must be an integer multiple of 4, at least 8`);
      }
    }
    this.options = { periods, fftSizes, bands, channelScale: scale };
    const width = (c: number) => Math.max(1, Math.round(c * scale));
    const rng = new Rng(opts.seed ?? 0);
    this.subs = [
      ...periods.map((p) => new PeriodDiscriminator(p, MPD_CHANNELS.map(width), rng)),
      ...fftSizes.map((w) => new MultiBandStftDiscriminator(w, width(32), rng, bands)),
    ];
    this.discriminators = this.child('discriminators', new ModuleList<Module>(this.subs));
  }

  /** Number of sub-discriminators. */
  get size(): number {
    return this.subs.length;
  }

  /** x [B, N, 1] or [B, N] → per sub-discriminator, its feature maps (logits last). */
  apply(x: tf.Tensor): FeatureMaps[] {
    const pre = tf.tidy(() => discriminatorPreprocess(toBatchTime(x))); // [B, N]
    try {
      return this.subs.map((d) => d.apply(pre));
    } finally {
      pre.dispose();
    }
  }
}

/** Disposes every tensor of a discriminator output. */
export function disposeFeatureMaps(maps: FeatureMaps[]): void {
  for (const m of maps) tf.dispose(m);
}
