import * as tf from '@tensorflow/tfjs-core';
import { addBias } from './bias.js';
import { check, checkNonNegInt, checkPosInt } from './check.js';

export interface ConvTranspose1dOptions {
  stride: number;
  padding?: number;
}

/**
 * 1-D transposed convolution, PyTorch `ConvTranspose1d` semantics on channels-last activations:
 * y[t·s + k − p] += x[t] · w[:, :, k].
 * x [B, T, Cin], w [Cin, Cout, K] (PyTorch layout), bias [Cout] | null
 * → [B, (T−1)·s − 2p + K, Cout] (odd strides included: K = 2s, p = ⌈s/2⌉, s = 5 gives 5T − 1).
 */
export function convTranspose1d(
  x: tf.Tensor3D,
  w: tf.Tensor3D,
  bias: tf.Tensor1D | null,
  opts: ConvTranspose1dOptions,
): tf.Tensor3D {
  const s = opts.stride;
  const p = opts.padding ?? 0;
  checkPosInt(s, 'convTranspose1d stride');
  checkNonNegInt(p, 'convTranspose1d padding');
  const [cin, cout, k] = w.shape;
  const [b, t] = x.shape;
  check(x.shape[2] === cin, () => `convTranspose1d: input has ${x.shape[2]} channels, weight expects ${cin}`);
  check(bias === null || bias.size === cout, () => `convTranspose1d: bias has ${bias?.size} values for ${cout} outputs`);
  const full = (t - 1) * s + k;
  const len = full - 2 * p;
  check(len > 0, () => `convTranspose1d: output length ${len} is not positive`);
  return tf.tidy(() => {
    const x4 = tf.reshape(x, [b, 1, t, cin]) as tf.Tensor4D; // [B, 1, T, Cin]
    const f4 = tf.reshape(tf.transpose(w, [2, 1, 0]), [1, k, cout, cin]) as tf.Tensor4D; // [1, K, Cout, Cin]
    const y4 = tf.conv2dTranspose(x4, f4, [b, 1, full, cout], [1, s], 'valid'); // [B, 1, full, Cout]
    const y = tf.slice(tf.reshape(y4, [b, full, cout]), [0, p, 0], [b, len, cout]) as tf.Tensor3D; // [B, L, Cout]
    return addBias(y, bias);
  });
}
