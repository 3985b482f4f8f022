import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterImpl } from '../backend/wasm-kernels/conv2d-backprop-filter.js';
import { padAxis } from './axis-slicing.js';
import { addBias } from './bias.js';
import { check, checkNonNegInt, checkPosInt } from './check.js';
import { conv2dInputGrad } from './conv2d-input-grad.js';
import { customOp } from './custom-op.js';

export interface Conv2dOptions {
  stride?: [number, number];
  /** Zero padding [[top, bottom], [left, right]]. */
  padding?: [[number, number], [number, number]];
}

function makeCore(sh: number, sw: number) {
  return customOp(([xp, w], save) => {
    const wt = tf.transpose(w, [2, 3, 1, 0]) as tf.Tensor4D; // [KH, KW, Cin, Cout]
    const y = tf.conv2d(xp as tf.Tensor4D, wt, [sh, sw], 'valid'); // [B, H', W', Cout]
    save([xp, w]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [cout, cin, kh, kw] = ws.shape;
        const dx = conv2dInputGrad(dy as tf.Tensor4D, ws, sh, sw, xs.shape[1], xs.shape[2]);
        const dwT = conv2dBackpropFilterImpl(xs, dy as tf.Tensor4D, [kh, kw, cin, cout], [sh, sw], 'valid'); // [KH, KW, Cin, Cout]
        return [dx, tf.transpose(dwT, [3, 2, 0, 1])]; // dw [Cout, Cin, KH, KW]
      },
    };
  });
}

const cores = new Map<string, ReturnType<typeof makeCore>>();

/**
 * 2-D convolution, PyTorch `Conv2d` semantics on channels-last activations, with its own
 * gradient on every backend (wasm's stock input gradient is a slow loop and its weight
 * gradient is missing): dx by the polyphase native conv, dW by plain-slice im2col + matMuls.
 * x [B, H, W, Cin], w [Cout, Cin, KH, KW] (PyTorch layout), bias [Cout] | null → [B, H', W', Cout].
 */
export function conv2d(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  bias: tf.Tensor1D | null,
  opts: Conv2dOptions = {},
): tf.Tensor4D {
  const [sh, sw] = opts.stride ?? [1, 1];
  const [[pt, pb], [pl, pr]] = opts.padding ?? [
    [0, 0],
    [0, 0],
  ];
  checkPosInt(sh, 'conv2d stride[0]');
  checkPosInt(sw, 'conv2d stride[1]');
  for (const v of [pt, pb, pl, pr]) checkNonNegInt(v, 'conv2d padding');
  check(x.rank === 4 && w.rank === 4, () => `conv2d: expected x [B, H, W, Cin] and w [Cout, Cin, KH, KW], got ${x.shape} and ${w.shape}`);
  const [cout, cin, kh, kw] = w.shape;
  check(x.shape[3] === cin, () => `conv2d: input has ${x.shape[3]} channels, weight expects ${cin}`);
  check(bias === null || bias.size === cout, () => `conv2d: bias has ${bias?.size} values for ${cout} outputs`);
  check(
    x.shape[1] + pt + pb >= kh && x.shape[2] + pl + pr >= kw,
    () => `conv2d: padded input is smaller than the ${kh}×${kw} kernel`,
  );
  const key = `${sh}:${sw}`;
  let core = cores.get(key);
  if (core === undefined) {
    core = makeCore(sh, sw);
    cores.set(key, core);
  }
  const c = core;
  return tf.tidy(() => {
    const xp = padAxis(padAxis(x, 1, pt, pb), 2, pl, pr); // [B, Hp, Wp, Cin]
    return addBias(c(xp, w) as tf.Tensor4D, bias); // [B, H', W', Cout]
  });
}
