import * as tf from '@tensorflow/tfjs-core';

/**
 * Slices frames [B, F, win] out of a padded signal [B, L], frame f starting at sample
 * (first + f)·hop. win must be a multiple of hop: the signal is viewed as hops [B, ·, hop] and each
 * frame is the concatenation of win/hop consecutive hops (slices + concat differentiate everywhere
 * and run on every backend, unlike a strided gather).
 */
export function frameSignal(x: tf.Tensor2D, win: number, hop: number, first: number, count: number): tf.Tensor3D {
  return tf.tidy(() => {
    const r = win / hop;
    const [b] = x.shape;
    const rows = count - 1 + r;
    const span = tf.slice(x, [0, first * hop], [b, rows * hop]); // [B, rows·hop]
    const hops = tf.reshape(span, [b, rows, hop]); // [B, rows, hop]
    const parts: tf.Tensor3D[] = [];
    for (let j = 0; j < r; j++) parts.push(tf.slice(hops, [0, j, 0], [b, count, hop]) as tf.Tensor3D); // [B, F, hop]
    return parts.length === 1 ? parts[0] : tf.concat(parts, 2); // [B, F, win]
  });
}
