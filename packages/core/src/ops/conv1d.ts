import * as tf from '@tensorflow/tfjs-core';
import { addBias } from './bias.js';
import { check, checkNonNegInt, checkPosInt } from './check.js';

export interface Conv1dOptions {
  stride?: number;
  dilation?: number;
  /** Zero padding of the time axis: one number for both sides, or [left, right]. */
  padding?: number | [number, number];
}

/** x [B, T, C] → zero-padded [B, left + T + right, C]. */
export function zeroPadTime(x: tf.Tensor3D, left: number, right: number): tf.Tensor3D {
  if (left === 0 && right === 0) return x;
  return tf.pad<tf.Tensor3D>(x, [
    [0, 0],
    [left, right],
    [0, 0],
  ]);
}

/**
 * Dilated conv as one dilation-1 conv over the d time phases stacked into the batch (tfjs has
 * no gradient for dilated convs): out[q·d + r] = Σ_k w_k · xp[(q + k)·d + r] is an ordinary conv
 * over phase r. xp [B, Tp, Cin] (already padded), wt [K, Cin, Cout] → [B, Tp − d(K−1), Cout].
 */
function dilatedByPhases(xp: tf.Tensor3D, wt: tf.Tensor3D, d: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, tp, cin] = xp.shape;
    const k = wt.shape[0];
    const cout = wt.shape[2];
    const tOut = tp - d * (k - 1);
    const frames = Math.ceil(tp / d);
    const xe = zeroPadTime(xp, 0, frames * d - tp); // [B, F·d, Cin]
    const phases = tf.reshape<tf.Rank.R3>(tf.transpose(tf.reshape(xe, [b, frames, d, cin]), [0, 2, 1, 3]), [b * d, frames, cin]); // [B·d, F, Cin]
    const y = tf.conv1d(phases, wt, 1, 'valid'); // [B·d, F − K + 1, Cout]
    const f2 = frames - k + 1;
    const inter = tf.reshape<tf.Rank.R3>(tf.transpose(tf.reshape(y, [b, d, f2, cout]), [0, 2, 1, 3]), [b, f2 * d, cout]); // [B, F2·d, Cout]
    return tf.slice(inter, [0, 0, 0], [b, tOut, cout]) as tf.Tensor3D; // [B, T', Cout]
  });
}

/**
 * Every s-th time step starting at 0 (reshape + slice: tfjs has no gradient for strided slices).
 * x [B, L, C] → [B, ⌈L/s⌉, C].
 */
function everyNth(x: tf.Tensor3D, s: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, l, c] = x.shape;
    const n = Math.ceil(l / s);
    const xe = zeroPadTime(x, 0, n * s - l); // [B, n·s, C]
    const picked = tf.slice(tf.reshape(xe, [b, n, s, c]), [0, 0, 0, 0], [b, n, 1, c]); // [B, n, 1, C]
    return tf.reshape(picked, [b, n, c]) as tf.Tensor3D;
  });
}

/**
 * 1-D convolution, PyTorch `Conv1d` semantics on channels-last activations.
 * x [B, T, Cin], w [Cout, Cin, K] (PyTorch layout), bias [Cout] | null
 * → [B, T', Cout] with T' = ⌊(T + pl + pr − d(K−1) − 1)/s⌋ + 1.
 * Differentiable w.r.t. x, w and bias on every backend, dilation included.
 */
export function conv1d(
  x: tf.Tensor3D,
  w: tf.Tensor3D,
  bias: tf.Tensor1D | null,
  opts: Conv1dOptions = {},
): tf.Tensor3D {
  const stride = opts.stride ?? 1;
  const dilation = opts.dilation ?? 1;
  const [pl, pr] = typeof opts.padding === 'number' ? [opts.padding, opts.padding] : (opts.padding ?? [0, 0]);
  checkPosInt(stride, 'conv1d stride');
  checkPosInt(dilation, 'conv1d dilation');
  checkNonNegInt(pl, 'conv1d left padding');
  checkNonNegInt(pr, 'conv1d right padding');
  const [cout, cin, k] = w.shape;
  check(x.shape[2] === cin, () => `conv1d: input has ${x.shape[2]} channels, weight expects ${cin}`);
  check(bias === null || bias.size === cout, () => `conv1d: bias has ${bias?.size} values for ${cout} outputs`);
  const span = dilation * (k - 1) + 1;
  check(
    x.shape[1] + pl + pr >= span,
    () => `conv1d: padded length ${x.shape[1] + pl + pr} is shorter than the kernel span ${span}`,
  );
  return tf.tidy(() => {
    const xp = zeroPadTime(x, pl, pr); // [B, Tp, Cin]
    const wt = tf.transpose(w, [2, 1, 0]) as tf.Tensor3D; // [K, Cin, Cout]
    let y: tf.Tensor3D;
    if (dilation === 1) {
      y = tf.conv1d(xp, wt, stride, 'valid'); // [B, T', Cout]
    } else {
      const full = dilatedByPhases(xp, wt, dilation); // [B, Tp − d(K−1), Cout]
      y = stride === 1 ? full : everyNth(full, stride); // [B, T', Cout]
    }
    return addBias(y, bias);
  });
}
