import * as tf from '@tensorflow/tfjs-core';

/**
 * Extra rate cost on quiet frames (not in the paper, off by default): each frame's rate-loss
 * weight is w = 1 + boost·clamp((fromDb − L) / (fromDb − toDb), 0, 1), where L is the frame's level
 * in dB relative to full scale (mean square of its hop of input samples; a full-scale sine reads
 * −3 dB). Frames louder than `fromDb` keep weight 1, frames at or below `toDb` cost (1 + boost)×.
 *
 * Why: DAC's log-mel loss is almost scale-invariant (its clamp only reaches digital silence), so
 * the importance map learns to spend as many codebooks on −55 dBFS noise as on speech.
 */
export interface QuietRate {
  /** Extra weight at and below `toDb` (0 = off, the paper). */
  boost: number;
  /** Level (dBFS) where the extra weight starts. */
  fromDb: number;
  /** Level (dBFS) where it reaches `boost`; below `fromDb`. */
  toDb: number;
}

/** The default: off, with the ramp the tiny CPU runs use when it is switched on. */
export const QUIET_RATE_OFF: QuietRate = { boost: 0, fromDb: -40, toDb: -60 };

/** Per-frame rate-loss weights [B, T, 1] for audio x [B, N, 1] with N a multiple of `hop`. */
export function quietRateWeights(x: tf.Tensor3D, hop: number, q: QuietRate): tf.Tensor3D {
  const [b, n] = x.shape;
  if (n % hop !== 0) throw new RangeError(`quietRateWeights: ${n} samples is not a multiple of the hop ${hop}`);
  if (!(q.toDb < q.fromDb)) throw new RangeError(`quietRateWeights: toDb (${q.toDb}) must be below fromDb (${q.fromDb})`);
  return tf.tidy(() => {
    const frames = tf.reshape(x, [b, n / hop, hop]); // [B, T, hop]
    const power = tf.mean(tf.square(frames), 2, true); // [B, T, 1]
    const db = tf.mul(tf.log(tf.add(power, 1e-12)), 10 / Math.LN10); // [B, T, 1]
    const quiet = tf.clipByValue(tf.div(tf.sub(q.fromDb, db), q.fromDb - q.toDb), 0, 1); // [B, T, 1]
    return tf.add(1, tf.mul(quiet, q.boost)) as tf.Tensor3D; // [B, T, 1]
  });
}
