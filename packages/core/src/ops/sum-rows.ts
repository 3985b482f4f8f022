import * as tf from '@tensorflow/tfjs-core';

/**
 * Sum over every axis but the last, as one rank-2 matMul with a row of ones: wasm reduces
 * non-innermost axes by transposing first, which costs more than this.
 * t [..., C] → [C].
 */
export function sumRows(t: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const c = t.shape[t.rank - 1];
    const n = t.size / c;
    const flat = tf.reshape(t, [n, c]) as tf.Tensor2D; // [N, C]
    const ones = tf.ones([1, n]) as tf.Tensor2D; // [1, N]
    return tf.reshape(tf.matMul(ones, flat), [c]) as tf.Tensor1D; // [C]
  });
}
