import * as tf from '@tensorflow/tfjs-core';
import { fitAxis, padAxis, sliceAxis } from './axis-slicing.js';
import { addBias } from './bias.js';
import { check, checkNonNegInt, checkPosInt } from './check.js';
import { customOp } from './custom-op.js';
import { flippedTaps } from './flip-taps.js';
import { loopKernelsActive } from './loop-kernels.js';
import { overlapAddCrop, tapMajorWeights } from './overlap-add.js';
import { sumRows } from './sum-rows.js';
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

/** Whether convolutions run through the fused, explicitly padded native kernel (cpu, wasm). */
function fusedConvActive(): boolean {
  return loopKernelsActive();
}

/**
 * The native conv as conv2d over a [B, 1, T, C] view, with explicit time padding and an
 * optional bias fused in (cpu/wasm: no pad copy, no separate bias pass).
 * x [B, T, Cin], wt [K, Cin, Cout] (tfjs layout) → [B, T', Cout].
 */
function nativeConv(
  x: tf.Tensor3D,
  wt: tf.Tensor3D,
  bias: tf.Tensor1D | null,
  s: number,
  d: number,
  pl: number,
  pr: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t, cin] = x.shape;
    const [k, , cout] = wt.shape;
    if (!fusedConvActive()) {
      const y = tf.conv1d(zeroPadTime(x, pl, pr), wt, s, 'valid', 'NWC', d); // [B, T', Cout]
      return bias ? (tf.add(y, bias) as tf.Tensor3D) : y;
    }
    const y = tf.fused.conv2d({
      x: tf.reshape(x, [b, 1, t, cin]) as tf.Tensor4D, // [B, 1, T, Cin]
      filter: tf.reshape(wt, [1, k, cin, cout]) as tf.Tensor4D, // [1, K, Cin, Cout]
      strides: [1, s],
      pad: [
        [0, 0],
        [0, 0],
        [pl, pr],
        [0, 0],
      ],
      dilations: [1, d],
      bias: bias ?? undefined,
    }); // [B, 1, T', Cout]
    return tf.reshape(y, [b, y.shape[2], cout]) as tf.Tensor3D;
  });
}

/**
 * Input gradient of conv1d (stride s, dilation d, padding pl, pr) with respect to the
 * *unpadded* input: dx[b, t·s + k·d − pl, ci] += Σ_co dy[b, t, co] · w[co, ci, k], t ∈ [0, T).
 * Stride 1: one native conv of dy with the flipped, transposed kernel, padded by span − pl and
 * span − pr (the fast conv, no pad copy). Stride > 1 (dilation 1): one rank-2 matMul into
 * per-frame columns, then overlap-add and a crop.
 * dy [B, tOut, Cout], w [Cout, Cin, K] → [B, T, Cin].
 */
function conv1dInputGrad(dy: tf.Tensor3D, w: tf.Tensor3D, s: number, d: number, pl: number, pr: number, t: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, tOut, cout] = dy.shape;
    const [, cin, k] = w.shape;
    const tp = t + pl + pr;
    if (s === 1) {
      const span = (k - 1) * d;
      const wFlip = flippedTaps(w); // [K, Cout, Cin]
      if (pl <= span && pr <= span) {
        const dx = nativeConv(dy, wFlip, null, 1, d, span - pl, span - pr); // [B, T, Cin]
        return fitTime(dx, t);
      }
      const dxp = nativeConv(dy, wFlip, null, 1, d, span, span); // [B, tOut + span, Cin] over the padded input
      return sliceAxis(fitTime(dxp, tp), 1, pl, t);
    }
    const wm = tapMajorWeights(w, s); // [Cout, Q·s·Cin]
    const cols = tf.matMul(tf.reshape(dy, [b * tOut, cout]) as tf.Tensor2D, wm); // [N, Q·s·Cin]
    const qs = wm.shape[1] / cin;
    return overlapAddCrop(tf.reshape(cols, [b, tOut, qs, cin]) as tf.Tensor4D, s, pl, t, null); // [B, T, Cin]
  });
}

/**
 * conv1d with either stride 1 or dilation 1, padding and an optional bias, as one op with its own
 * gradient (tfjs has none for dilation > 1, and its stock weight gradient is slow or missing).
 * x [B, T, Cin], w [Cout, Cin, K], bias [Cout] → [B, ⌊(T + pl + pr − d(K−1) − 1)/s⌋ + 1, Cout].
 */
function makeConvCore(s: number, d: number, pl: number, pr: number, withBias: boolean) {
  return customOp((inputs, save) => {
    const [x, w] = inputs as [tf.Tensor3D, tf.Tensor3D];
    const bias = withBias ? (inputs[2] as tf.Tensor1D) : null;
    const wt = tf.transpose(w, [2, 1, 0]) as tf.Tensor3D; // [K, Cin, Cout]
    const y = nativeConv(x, wt, bias, s, d, pl, pr); // [B, T', Cout]
    save([x, w]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [xs, ws] = saved as [tf.Tensor3D, tf.Tensor3D];
        const k = ws.shape[2];
        const dy3 = dy as tf.Tensor3D;
        const dx = conv1dInputGrad(dy3, ws, s, d, pl, pr, xs.shape[1]);
        const dw = conv1dWeightGrad(xs, dy3, k, s, d, pl, pr);
        return withBias ? [dx, dw, sumRows(dy3)] : [dx, dw];
      },
    };
  });
}

const cores = new Map<string, ReturnType<typeof makeConvCore>>();

function convCore(x: tf.Tensor3D, w: tf.Tensor3D, bias: tf.Tensor1D | null, s: number, d: number, pl: number, pr: number): tf.Tensor3D {
  const key = `${s}:${d}:${pl}:${pr}:${bias !== null}`;
  let core = cores.get(key);
  if (core === undefined) {
    core = makeConvCore(s, d, pl, pr, bias !== null);
    cores.set(key, core);
  }
  return (bias ? core(x, w, bias) : core(x, w)) as tf.Tensor3D;
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
  if (stride > 1 && dilation > 1) {
    return tf.tidy(() => addBias(everyNth(convCore(x, w, null, 1, dilation, pl, pr), stride), bias)); // [B, T', Cout]
  }
  return convCore(x, w, bias, stride, dilation, pl, pr); // [B, T', Cout], bias fused
}
