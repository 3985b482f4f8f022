import * as tf from '@tensorflow/tfjs-core';
import { customOp } from '../ops/custom-op.js';

/** Rows scaled to unit L2 norm, as PyTorch's `F.normalize(x, dim=1)` (eps 1e-12). x `[N, C]`. */
export function l2NormalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.sum(tf.square(x), 1, true)); // [N, 1]
    return tf.div(x, tf.maximum(norm, 1e-12)) as tf.Tensor2D; // [N, C]
  });
}

const nearestOp = customOp(([z, table]) => ({
  // Runs inside a kernel scope, so none of these intermediates are recorded on the gradient tape
  // (the [N, K] similarity matrix would otherwise be kept alive until backprop ends).
  value: tf.tidy(() => {
    const zn = l2NormalizeRows(z as tf.Tensor2D); // [N, C]
    const cnT = tf.transpose(l2NormalizeRows(table as tf.Tensor2D)); // [C, K]
    return tf.argMax(tf.matMul(zn, cnT), 1); // [N] int32
  }),
  // Never reached in practice (codes feed no differentiable op); shapes only, no closed-over data.
  gradFunc: () => [tf.zeros(z.shape), tf.zeros(table.shape)],
}));

/**
 * Index of the nearest codeword by cosine similarity (L2-normalise both sides, argmax of the dot
 * product), as DAC's lookup. z `[N, C]`, table `[K, C]` → int32 `[N]`. Not differentiable (the
 * result is an integer); the caller uses the raw codeword `table[code]` downstream.
 */
export function nearestCodes(z: tf.Tensor2D, table: tf.Tensor2D): tf.Tensor1D {
  return nearestOp(z, table) as tf.Tensor1D;
}
