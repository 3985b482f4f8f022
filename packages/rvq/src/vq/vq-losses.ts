import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { stopGradient } from '../ops/stop-gradient.js';

/** The two VQ loss terms as scalars (weights in DAC/VRVQ: codebook 1.0, commitment 0.25). */
export type VqLosses = {
  commitment: tf.Scalar;
  codebook: tf.Scalar;
};

/**
 * VRVQ's aggregation of the per-(item, level, frame) VQ losses: multiply by the **detached** mask,
 * sum over levels, mean over items and frames. With a per-item constant mask this equals DAC's
 * quantizer-dropout aggregation. Without a mask every level counts.
 *
 * losses.commitmentLoss / codebookLoss `[B, n, T]`; mask `[B, T, n]` or undefined → two scalars.
 */
export function maskedVqLosses(
  losses: { commitmentLoss: tf.Tensor3D; codebookLoss: tf.Tensor3D },
  mask?: tf.Tensor3D,
): VqLosses {
  const [b, n, t] = losses.commitmentLoss.shape;
  if (mask) {
    check(mask.rank === 3 && mask.shape[0] === b && mask.shape[1] === t && mask.shape[2] === n, 'invalid-shape', () =>
      `maskedVqLosses: mask must be [${b}, ${t}, ${n}], got [${mask.shape}]`,
    );
  }
  return tf.tidy(() => {
    const w = mask ? tf.transpose(stopGradient(mask), [0, 2, 1]) : null; // [B, n, T]
    const reduce = (l: tf.Tensor3D): tf.Scalar => {
      const weighted = w ? tf.mul(l, w) : l; // [B, n, T]
      return tf.div(tf.sum(weighted), b * t) as tf.Scalar; // Σ_k, mean over (B, T)
    };
    return { commitment: reduce(losses.commitmentLoss), codebook: reduce(losses.codebookLoss) };
  });
}
