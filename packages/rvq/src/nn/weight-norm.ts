import * as tf from '@tensorflow/tfjs-core';

/**
 * Weight normalisation as PyTorch's `weight_norm(module, dim=0)`: w = g · v / ‖v‖, where the norm
 * runs over every axis but the first. Works for Conv1d `[out, in, k]`, ConvTranspose1d
 * `[in, out, k]` (PyTorch normalises per *input* channel there, g is `[in, 1, 1]`) and Conv2d.
 *
 * g: [A, 1, …, 1], v: [A, …] → w: same shape as v.
 */
export function weightNorm(g: tf.Tensor, v: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const axes = v.shape.map((_, i) => i).slice(1);
    const norm = tf.sqrt(tf.sum(tf.square(v), axes, true)); // [A, 1, …, 1]
    return tf.mul(v, tf.div(g, norm));
  });
}

/** The g that makes weightNorm(g, v) == v: ‖v‖ over every axis but the first. */
export function weightNormInitialG(v: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const axes = v.shape.map((_, i) => i).slice(1);
    return tf.sqrt(tf.sum(tf.square(v), axes, true));
  });
}
