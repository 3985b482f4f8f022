import * as tf from '@tensorflow/tfjs-core';
import { fitAxis, padAxis } from './axis-slicing.js';
import { addBias } from './bias.js';
import { check, checkNonNegInt, checkPosInt } from './check.js';
import { customOp } from './custom-op.js';
import { overlapAdd, tapMajorWeights } from './overlap-add.js';
import { conv1dWeightGrad } from './time-taps.js';

export interface Conv1dOptions {
  stride?: number;
  dilation?: number;
  /** Zero padding of the time axis: one number for both sides, or [left, right]. */
  padding?: number | [number, number];
}

/** x [B, T, C] → zero-padded [B, left + T + right, C]. */
export function zeroPadTime(x: tf.Tensor3D, left: number, right: number): tf.Tensor3D {
  return padAxis(x, 1, left, right);
}

/** Crops or zero-extends the end of the time axis to exactly `len` samples. x [B, T, C] → [B, len, C]. */
export function fitTime(x: tf.Tensor3D, len: number): tf.Tensor3D {
  return fitAxis(x, 1, len);
}

/**
 * Input gradient of a valid conv1d (stride s, dilation d):
 * dx[b, t·s + k·d, ci] += Σ_co dy[b, t, co] · w[co, ci, k], over a padded input of length tp.
 * Stride 1: one conv of the zero-padded dy with the flipped, transposed kernel (the native fast
 * conv). Stride > 1 (dilation 1): one rank-2 matMul into per-frame columns, then overlap-add.
 * dy [B, tOut, Cout], w [Cout, Cin, K] → [B, tp, Cin].
 */
function conv1dInputGrad(dy: tf.Tensor3D, w: tf.Tensor3D, s: number, d: number, tp: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, tOut, cout] = dy.shape;
    const [, cin, k] = w.shape;
    if (s === 1) {
      const span = (k - 1) * d;
      const wFlip = tf.transpose(tf.reverse(w, 2), [2, 0, 1]) as tf.Tensor3D; // [K, Cout, Cin]
      const dx = tf.conv1d(zeroPadTime(dy, span, span), wFlip, 1, 'valid', 'NWC', d); // [B, tOut + span, Cin]
      return fitTime(dx, tp);
    }
    const wm = tapMajorWeights(w, s); // [Cout, Q·s·Cin]
    const cols = tf.matMul(tf.reshape(dy, [b * tOut, cout]) as tf.Tensor2D, wm); // [N, Q·s·Cin]
    const qs = wm.shape[1] / cin;
    const dx = overlapAdd(tf.reshape(cols, [b, tOut, qs, cin]) as tf.Tensor4D, s); // [B, (tOut + Q − 1)·s, Cin]
    return fitTime(dx, tp);
  });
}

/**
 * Valid conv1d on an already padded input with either stride 1 or dilation 1, with its own
 * gradient (tfjs has none for dilation > 1, and its stock weight gradient is slow or missing).
 * xp [B, Tp, Cin], w [Cout, Cin, K] → [B, ⌊(Tp − d(K−1) − 1)/s⌋ + 1, Cout].
 */
function makeConvCore(s: number, d: number) {
  return customOp(([xp, w], save) => {
    const wt = tf.transpose(w, [2, 1, 0]) as tf.Tensor3D; // [K, Cin, Cout]
    const y = tf.conv1d(xp as tf.Tensor3D, wt, s, 'valid', 'NWC', d); // [B, T', Cout]
    save([xp, w]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [xs, ws] = saved as [tf.Tensor3D, tf.Tensor3D];
        const k = ws.shape[2];
        return [conv1dInputGrad(dy as tf.Tensor3D, ws, s, d, xs.shape[1]), conv1dWeightGrad(xs, dy as tf.Tensor3D, k, s, d)];
      },
    };
  });
}

const cores = new Map<string, ReturnType<typeof makeConvCore>>();

function convCore(xp: tf.Tensor3D, w: tf.Tensor3D, s: number, d: number): tf.Tensor3D {
  const key = `${s}:${d}`;
  let core = cores.get(key);
  if (core === undefined) {
    core = makeConvCore(s, d);
    cores.set(key, core);
  }
  return core(xp, w) as tf.Tensor3D;
}

/**
 * Every s-th time step starting at 0 (reshape + slice, which differentiate everywhere).
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
  check(x.rank === 3 && w.rank === 3, () => `conv1d: expected x [B, T, Cin] and w [Cout, Cin, K], got ${x.shape} and ${w.shape}`);
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
    const y =
      stride > 1 && dilation > 1
        ? everyNth(convCore(xp, w, 1, dilation), stride) // [B, T', Cout]
        : convCore(xp, w, stride, dilation); // [B, T', Cout]
    return addBias(y, bias);
  });
}
