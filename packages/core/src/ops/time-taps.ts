import * as tf from '@tensorflow/tfjs-core';
import { padAxis } from './axis-slicing.js';
import { loopKernelsActive } from './loop-kernels.js';
import { tapRows } from './tap-rows.js';

/**
 * The transposed im2col of a 1-D conv, one tap at a time: for tap k the matrix
 * A_k[ci, (b, t)] = xp[b, t·s + k·d, ci], t < tOut, so that the weight gradient of tap k is the
 * rank-2 matMul A_k · dy[(b, t), co] — the fast matMul form on wasm, with the same right operand
 * (packed once) for every tap.
 *
 * xp is moved once to [s, Cin, B, F] (time split into frames of s samples), after which every tap
 * is a slice of whole rows. Either s = 1 or d = 1.
 * xp [B, Tp, Cin] → k ↦ [Cin, B·tOut]; call `dispose` when done.
 */
export function timeTaps(
  xp: tf.Tensor3D,
  s: number,
  d: number,
  tOut: number,
): { tap: (k: number) => tf.Tensor2D; dispose: () => void } {
  const [b, tp, cin] = xp.shape;
  const frames = Math.ceil(tp / s);
  const xr = tf.tidy(() => {
    const xe = padAxis(xp, 1, 0, frames * s - tp); // [B, F·s, Cin]
    return tf.transpose(tf.reshape(xe, [b, frames, s, cin]), [2, 3, 0, 1]); // [s, Cin, B, F]
  });
  return {
    tap: (k: number) =>
      tf.tidy(() => {
        const pos = k * d; // = q·s + r
        const q = Math.floor(pos / s);
        const r = pos - q * s;
        const rows = tf.slice(xr, [r, 0, 0, q], [1, cin, b, tOut]); // [1, Cin, B, tOut]
        return tf.reshape(rows, [cin, b * tOut]) as tf.Tensor2D; // [Cin, N]
      }),
    dispose: () => xr.dispose(),
  };
}

/**
 * Weight gradient of y = conv1d(x; stride s, dilation d, zero padding pl left, pr right), no bias:
 * dW[co, ci, k] = Σ_{b,t} xp[b, t·s + k·d, ci] · dy[b, t, co], xp the padded x.
 * On cpu/wasm the transposed im2col rows come from one loop kernel per group of taps, read
 * straight from the unpadded x; elsewhere from a padded, transposed copy sliced per tap.
 * `groupFloats` bounds the im2col rows built at once (taps per matMul).
 * x [B, T, Cin], dy [B, tOut, Cout] → [Cout, Cin, K] (PyTorch layout).
 */
export function conv1dWeightGrad(
  x: tf.Tensor3D,
  dy: tf.Tensor3D,
  k: number,
  s: number,
  d: number,
  pl = 0,
  pr = 0,
  groupFloats = 2 ** 23,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, tOut, cout] = dy.shape;
    const cin = x.shape[2];
    const n = b * tOut;
    const dy2 = tf.reshape(dy, [b * tOut, cout]) as tf.Tensor2D; // [N, Cout]
    const parts: tf.Tensor2D[] = [];
    if (loopKernelsActive() && x.dtype === 'float32') {
      // As many taps per matMul as fit in groupFloats (at least enough for 64 rows): one packing
      // of dy serves every row, and taller left operands run the matMul closer to its peak.
      const group = Math.min(k, Math.max(Math.ceil(64 / cin), Math.floor(groupFloats / (cin * n)), 1));
      for (let j0 = 0; j0 < k; j0 += group) {
        const g = Math.min(group, k - j0);
        parts.push(tf.matMul(tapRows(x, s, d, pl, pr, tOut, j0, g), dy2)); // [g·Cin, N] · [N, Cout]
      }
    } else {
      const taps = timeTaps(padAxis(x, 1, pl, pr), s, d, tOut);
      // Taps are grouped only as far as needed for ≥ 64 matMul rows (small Cin, e.g. the first
      // layer's 1 channel); a concat costs a copy.
      const group = Math.max(1, Math.ceil(64 / cin));
      for (let j0 = 0; j0 < k; j0 += group) {
        const rows: tf.Tensor2D[] = [];
        for (let j = j0; j < Math.min(k, j0 + group); j++) rows.push(taps.tap(j)); // [Cin, N] each
        const a = rows.length === 1 ? rows[0] : (tf.concat(rows, 0) as tf.Tensor2D); // [g·Cin, N]
        parts.push(tf.matMul(a, dy2)); // [g·Cin, Cout]
      }
      taps.dispose();
    }
    const all = parts.length === 1 ? parts[0] : tf.concat(parts, 0); // [K·Cin, Cout]
    return tf.transpose(tf.reshape(all, [k, cin, cout]), [2, 1, 0]) as tf.Tensor3D; // [K, Cin, Cout] → [Cout, Cin, K]
  });
}
