import * as tf from '@tensorflow/tfjs-core';
import { Stft } from '../signal/stft.js';

export interface StftLossOptions {
  /** Default [2048, 512]. */
  windowLengths?: number[];
  clampEps?: number;
  /** Default 2 (log10 of the squared magnitude). */
  pow?: number;
  logWeight?: number;
  magWeight?: number;
}

/**
 * DAC's multi-scale STFT loss (a monitor, not in the objective): per window,
 * logWeight · L1(log10(max(|X̂|, ε)^pow), log10(max(|X|, ε)^pow)) + magWeight · L1(|X̂|, |X|),
 * summed over windows (hop = window/4, Hann, centred reflect padding).
 */
export class MultiScaleStftLoss {
  readonly stfts: Stft[];
  private readonly eps: number;
  private readonly pow: number;
  private readonly logWeight: number;
  private readonly magWeight: number;

  constructor(opts: StftLossOptions = {}) {
    this.stfts = (opts.windowLengths ?? [2048, 512]).map((w) => new Stft({ windowLength: w }));
    this.eps = opts.clampEps ?? 1e-5;
    this.pow = opts.pow ?? 2;
    this.logWeight = opts.logWeight ?? 1;
    this.magWeight = opts.magWeight ?? 1;
  }

  /** yHat, y: [B, N, 1] (or [B, N]) → scalar. */
  loss(yHat: tf.Tensor, y: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const terms = this.stfts.map((s) => {
        const a = s.magnitude(yHat); // [B, F, K]
        const b = s.magnitude(y); // [B, F, K]
        const log = (m: tf.Tensor) => tf.div(tf.log(tf.pow(tf.maximum(m, this.eps), this.pow)), Math.LN10);
        const l1Log = tf.mean(tf.abs(tf.sub(log(a), log(b))));
        const l1Mag = tf.mean(tf.abs(tf.sub(a, b)));
        return tf.add(tf.mul(this.logWeight, l1Log), tf.mul(this.magWeight, l1Mag));
      });
      return tf.addN(terms) as tf.Scalar;
    });
  }

  dispose(): void {
    for (const s of this.stfts) s.dispose();
  }
}
