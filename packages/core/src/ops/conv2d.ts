import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterImpl } from '../backend/wasm-kernels/conv2d-backprop-filter.js';
import { fitAxis, padAxis } from './axis-slicing.js';
import { addBias } from './bias.js';
import { check, checkNonNegInt, checkPosInt } from './check.js';
import { customOp } from './custom-op.js';

export interface Conv2dOptions {
  stride?: [number, number];
  /** Zero padding [[top, bottom], [left, right]]. */
  padding?: [[number, number], [number, number]];
}

/**
 * Input gradient of a valid 2-D conv, i.e. the transposed conv of dy, in polyphase form: with
 * a = qa·sh + ra and c = qc·sw + rc,
 * dx[m·sh + ra, n·sw + rc] = Σ_{qa,qc} dy[m − qa, n − qc] · w[·, ·, qa·sh + ra, qc·sw + rc],
 * which for all phases (ra, rc) at once is one stride-1 native conv of dy (padded Qh − 1, Qw − 1)
 * with the reversed taps and sh·sw·Cin output channels — no zero-inserted dy, no wasted
 * multiply-adds, and not wasm's slow Conv2DBackpropInput loop.
 * dy [B, OH, OW, Cout], w [Cout, Cin, KH, KW] → [B, hp, wp, Cin].
 */
function conv2dInputGrad(dy: tf.Tensor4D, w: tf.Tensor4D, sh: number, sw: number, hp: number, wp: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, oh, ow, cout] = dy.shape;
    const [, cin, kh, kw] = w.shape;
    const qh = Math.ceil(kh / sh);
    const qw = Math.ceil(kw / sw);
    const wPad = padAxis(padAxis(w, 2, 0, qh * sh - kh), 3, 0, qw * sw - kw); // [Cout, Cin, Qh·sh, Qw·sw]
    const taps = tf.reverse(tf.reshape(wPad, [cout * cin, qh, sh, qw, sw]), [1, 3]); // [Cout·Cin, Qh, sh, Qw, sw], taps reversed
    const byTap = tf.reshape(tf.transpose(taps, [1, 3, 0, 2, 4]), [qh * qw * cout, cin, sh * sw]); // [Qh·Qw·Cout, Cin, sh·sw]
    const wConv = tf.reshape(tf.transpose(byTap, [0, 2, 1]), [qh, qw, cout, sh * sw * cin]) as tf.Tensor4D; // [Qh, Qw, Cout, (ra, rc, ci)]
    const dyPad = padAxis(padAxis(dy, 1, qh - 1, qh - 1), 2, qw - 1, qw - 1); // [B, OH + 2(Qh−1), OW + 2(Qw−1), Cout]
    const phases = tf.conv2d(dyPad, wConv, 1, 'valid'); // [B, Fh, Fw, sh·sw·Cin]
    const fh = oh + qh - 1;
    const fw = ow + qw - 1;
    let dx: tf.Tensor4D;
    if (sh === 1) {
      dx = tf.reshape(phases, [b, fh, fw * sw, cin]); // phases rc already interleave along width
    } else {
      const split = tf.reshape(phases, [b * fh, fw, sh, sw, cin]); // [B·Fh, Fw, sh, sw, Cin]
      dx = tf.reshape(tf.transpose(split, [0, 2, 1, 3, 4]), [b, fh * sh, fw * sw, cin]); // [B, Fh·sh, Fw·sw, Cin]
    }
    return fitAxis(fitAxis(dx, 1, hp), 2, wp); // [B, hp, wp, Cin]
  });
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
