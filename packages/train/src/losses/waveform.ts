import * as tf from '@tensorflow/tfjs-core';

/** Waveform L1 (monitor): mean |ŷ − y|. yHat, y: equal shapes, e.g. [B, N, 1]. */
export function waveformL1(yHat: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(yHat, y))) as tf.Scalar);
}
