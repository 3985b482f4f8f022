import * as tf from '@tensorflow/tfjs-core';

/**
 * Overlap-add of per-frame columns with hop s (col2im of a strided 1-D conv):
 * out[b, t·s + j, c] = Σ cols[b, t, j, c] over all (t, j) landing there, with j < Q·s.
 * cols [B, T, Q·s, C] → [B, (T + Q − 1)·s, C].
 */
export function overlapAdd(cols: tf.Tensor4D, s: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t, qs, c] = cols.shape;
    const q = qs / s;
    const frames = tf.reshape(cols, [b, t, q, s * c]); // [B, T, Q, s·C]
    let acc: tf.Tensor3D | null = null;
    for (let i = 0; i < q; i++) {
      const part = tf.reshape(tf.slice(frames, [0, 0, i, 0], [b, t, 1, s * c]), [b, t, s * c]); // [B, T, s·C]
      const shifted = q === 1 ? part : tf.pad(part, [[0, 0], [i, q - 1 - i], [0, 0]]); // [B, T + Q − 1, s·C]
      acc = acc === null ? (shifted as tf.Tensor3D) : (tf.add(acc, shifted) as tf.Tensor3D);
    }
    return tf.reshape(acc!, [b, (t + q - 1) * s, c]) as tf.Tensor3D;
  });
}

/**
 * Weights [A, C, K] (PyTorch conv order: A = the matMul's shared side, C = the side that is
 * overlap-added) → the matMul operand [A, Q·s·C] with taps zero-padded to Q·s = s·⌈K/s⌉,
 * laid out (k, c) to match `overlapAdd`'s columns.
 */
export function tapMajorWeights(w: tf.Tensor3D, s: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [a, c, k] = w.shape;
    const qs = Math.ceil(k / s) * s;
    const wp = qs === k ? w : tf.pad(w, [[0, 0], [0, 0], [0, qs - k]]); // [A, C, Q·s]
    return tf.reshape(tf.transpose(wp, [0, 2, 1]), [a, qs * c]) as tf.Tensor2D; // [A, Q·s·C]
  });
}
