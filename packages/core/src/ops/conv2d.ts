import * as tf from '@tensorflow/tfjs-core';
import { addBias } from './bias.js';
import { check, checkNonNegInt, checkPosInt } from './check.js';

export interface Conv2dOptions {
  stride?: [number, number];
  /** Zero padding [[top, bottom], [left, right]]. */
  padding?: [[number, number], [number, number]];
}

/**
 * 2-D convolution, PyTorch `Conv2d` semantics on channels-last activations.
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
  const [cout, cin, kh, kw] = w.shape;
  check(x.shape[3] === cin, () => `conv2d: input has ${x.shape[3]} channels, weight expects ${cin}`);
  check(bias === null || bias.size === cout, () => `conv2d: bias has ${bias?.size} values for ${cout} outputs`);
  check(
    x.shape[1] + pt + pb >= kh && x.shape[2] + pl + pr >= kw,
    () => `conv2d: padded input is smaller than the ${kh}×${kw} kernel`,
  );
  return tf.tidy(() => {
    const xp =
      pt + pb + pl + pr === 0
        ? x
        : tf.pad(x, [
            [0, 0],
            [pt, pb],
            [pl, pr],
            [0, 0],
          ]); // [B, Hp, Wp, Cin]
    const wt = tf.transpose(w, [2, 3, 1, 0]) as tf.Tensor4D; // [KH, KW, Cin, Cout]
    const y = tf.conv2d(xp, wt, [sh, sw], 'valid'); // [B, H', W', Cout]
    return addBias(y, bias);
  });
}
