import * as tf from '@tensorflow/tfjs-core';
import { TrainError } from '../errors.js';
import { MelSpectrogram } from '../signal/mel-spectrogram.js';

export interface MelLossOptions {
  sampleRate: number;
  /** Default DAC: [32, 64, 128, 256, 512, 1024, 2048]. */
  windowLengths?: number[];
  /** Default DAC: [5, 10, 20, 40, 80, 160, 320]. */
  nMels?: number[];
  clampEps?: number;
  /** Exponent on the clamped mel magnitude before log10 (DAC: 1). */
  pow?: number;
  /** Weight of the log10 term (DAC: 1). */
  logWeight?: number;
  /** Weight of a linear-magnitude L1 term (DAC: 0). */
  magWeight?: number;
}

export const DAC_MEL_WINDOWS = [32, 64, 128, 256, 512, 1024, 2048];
export const DAC_MEL_BANDS = [5, 10, 20, 40, 80, 160, 320];

/**
 * DAC's multi-scale mel loss: for every scale, mean |log10(max(M̂, ε)^pow) − log10(max(M, ε)^pow)|
 * (+ magWeight · mean |M̂ − M|), **summed** over the scales (hop = window/4, Hann, centred).
 * Holds its bases; `dispose()` when done.
 */
export class MultiScaleMelLoss {
  readonly scales: MelSpectrogram[];
  private readonly eps: number;
  private readonly pow: number;
  private readonly logWeight: number;
  private readonly magWeight: number;

  constructor(opts: MelLossOptions) {
    const wins = opts.windowLengths ?? DAC_MEL_WINDOWS;
    const mels = opts.nMels ?? DAC_MEL_BANDS;
    if (wins.length !== mels.length || wins.length === 0) {
      throw new TrainError('bad-config', `mel loss needs one n_mels per window: ${wins.length} windows, ${mels.length} n_mels`);
    }
    this.scales = wins.map((w, i) => new MelSpectrogram({ sampleRate: opts.sampleRate, windowLength: w, nMels: mels[i] }));
    this.eps = opts.clampEps ?? 1e-5;
    this.pow = opts.pow ?? 1;
    this.logWeight = opts.logWeight ?? 1;
    this.magWeight = opts.magWeight ?? 0;
  }

  /** yHat, y: [B, N, 1] (or [B, N]) → scalar loss summed over scales. */
  loss(yHat: tf.Tensor, y: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.addN(this.perScale(yHat, y)) as tf.Scalar);
  }

  /** One scalar per scale (same order as the windows). */
  perScale(yHat: tf.Tensor, y: tf.Tensor): tf.Scalar[] {
    return this.scales.map((s) =>
      tf.tidy(() => {
        const a = s.apply(yHat); // [B, F, M]
        const b = s.apply(y); // [B, F, M]
        let l = tf.mul(this.logWeight, tf.mean(tf.abs(tf.sub(this.logMag(a), this.logMag(b))))) as tf.Scalar;
        if (this.magWeight !== 0) l = tf.add(l, tf.mul(this.magWeight, tf.mean(tf.abs(tf.sub(a, b)))));
        return l;
      }),
    );
  }

  dispose(): void {
    for (const s of this.scales) s.dispose();
  }

  private logMag(m: tf.Tensor): tf.Tensor {
    const c = tf.maximum(m, this.eps);
    const p = this.pow === 1 ? c : tf.pow(c, this.pow);
    return tf.div(tf.log(p), Math.LN10);
  }
}
