import * as tf from '@tensorflow/tfjs-core';
import { check, checkNonNegInt, checkPosInt } from './check.js';
import { zeroPadTime } from './conv1d.js';
import { customOp } from './custom-op.js';
import { overlapAddCrop, tapMajorWeights } from './overlap-add.js';
import { sumRows } from './sum-rows.js';
import { conv1dWeightGrad } from './time-taps.js';

export interface ConvTranspose1dOptions {
  stride: number;
  padding?: number;
}

/**
 * The transposed conv as one rank-2 matMul into per-frame columns plus overlap-add (wasm's
 * stock transposed conv is a slow loop), with its own gradient: the input gradient is the
 * native strided conv of dy, the weight gradient per-tap matMuls.
 * x [B, T, Cin], w [Cin, Cout, K] → [B, (T−1)·s − 2p + K, Cout].
 */
function makeCore(s: number, p: number, withBias: boolean) {
  return customOp((inputs, save) => {
    const [x, w] = inputs;
    const bias = withBias ? (inputs[2] as tf.Tensor1D) : null;
    const [b, t, cin] = x.shape;
    const [, cout, k] = w.shape;
    const len = (t - 1) * s - 2 * p + k;
    const wm = tapMajorWeights(w as tf.Tensor3D, s); // [Cin, Q·s·Cout]
    const qs = wm.shape[1] / cout;
    const cols = tf.matMul(tf.reshape(x, [b * t, cin]) as tf.Tensor2D, wm); // [N, Q·s·Cout]
    const y = overlapAddCrop(tf.reshape(cols, [b, t, qs, cout]) as tf.Tensor4D, s, p, len, bias); // [B, L, Cout]
    save([x, w]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [xs, ws] = saved as [tf.Tensor3D, tf.Tensor3D];
        const lenFull = (t - 1 + qs / s) * s;
        const dyFull = zeroPadTime(dy as tf.Tensor3D, p, lenFull - p - len); // [B, (T + Q − 1)·s, Cout]
        const wc = tf.transpose(ws, [2, 1, 0]) as tf.Tensor3D; // [K, Cout, Cin]
        const dx = tf.conv1d(dyFull, wc, s, 'valid'); // [B, T, Cin]
        // dW[ci, co, k] = Σ x[t, ci] · dyFull[t·s + k, co]: a conv weight gradient with the roles swapped.
        const dw = conv1dWeightGrad(dy as tf.Tensor3D, xs, k, s, 1, p, lenFull - p - len); // [Cin, Cout, K]
        return withBias ? [dx, dw, sumRows(dy)] : [dx, dw];
      },
    };
  });
}

const cores = new Map<string, ReturnType<typeof makeCore>>();

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
  check(x.rank === 3 && w.rank === 3, () => `convTranspose1d: expected x [B, T, Cin] and w [Cin, Cout, K], got ${x.shape} and ${w.shape}`);
  const [cin, cout, k] = w.shape;
  const t = x.shape[1];
  check(x.shape[2] === cin, () => `convTranspose1d: input has ${x.shape[2]} channels, weight expects ${cin}`);
  check(bias === null || bias.size === cout, () => `convTranspose1d: bias has ${bias?.size} values for ${cout} outputs`);
  const len = (t - 1) * s - 2 * p + k;
  check(len > 0, () => `convTranspose1d: output length ${len} is not positive`);
  const key = `${s}:${p}:${bias !== null}`;
  let core = cores.get(key);
  if (core === undefined) {
    core = makeCore(s, p, bias !== null);
    cores.set(key, core);
  }
  return (bias ? core(x, w, bias) : core(x, w)) as tf.Tensor3D; // bias added in the overlap-add
}
