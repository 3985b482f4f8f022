import * as tf from '@tensorflow/tfjs-core';

/**
 * DAC discriminator input normalisation: remove the per-item mean, then peak-normalise to 0.8:
 * y = 0.8 · (x − mean) / (max|x − mean| + 1e-9). x [B, N] → [B, N].
 */
export function discriminatorPreprocess(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const c = tf.sub(x, tf.mean(x, 1, true)); // [B, N]
    const peak = tf.add(tf.max(tf.abs(c), 1, true), 1e-9); // [B, 1]
    return tf.div(tf.mul(c, 0.8), peak) as tf.Tensor2D;
  });
}
