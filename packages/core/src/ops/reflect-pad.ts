import * as tf from '@tensorflow/tfjs-core';
import { check, checkNonNegInt } from './check.js';
import { customOp } from './custom-op.js';

/** Zero padding of one axis. */
function padAxis(t: tf.Tensor, axis: number, before: number, after: number): tf.Tensor {
  const p = t.shape.map(() => [0, 0] as [number, number]);
  p[axis] = [before, after];
  return tf.pad(t, p);
}

/** A range [start, start + size) of one axis. */
function sliceAxis(t: tf.Tensor, axis: number, start: number, size: number): tf.Tensor {
  const begin = t.shape.map(() => 0);
  const sz = t.shape.slice();
  begin[axis] = start;
  sz[axis] = size;
  return tf.slice(t, begin, sz);
}

/**
 * Reflect padding of one axis. tfjs's MirrorPad gradient only slices the centre (it drops the
 * reflected copies' contributions), so the backward pass here folds the padded borders back
 * onto the samples they copy: left border i ← x[left − i], right border j ← x[n − 2 − j].
 */
function reflectPadAxis(x: tf.Tensor, axis: number, left: number, right: number): tf.Tensor {
  const n = x.shape[axis];
  const op = customOp(([xin]) => {
    const p = xin.shape.map(() => [0, 0] as [number, number]);
    p[axis] = [left, right];
    return {
      value: tf.mirrorPad(xin, p, 'reflect'), // [..., left + n + right, ...]
      gradFunc: (dy) => {
        let dx = sliceAxis(dy, axis, left, n); // [..., n, ...]
        if (left > 0) {
          const l = tf.reverse(sliceAxis(dy, axis, 0, left), axis); // border copies x[1..left]
          dx = tf.add(dx, padAxis(l, axis, 1, n - 1 - left));
        }
        if (right > 0) {
          const r = tf.reverse(sliceAxis(dy, axis, left + n, right), axis); // copies x[n−1−right .. n−2]
          dx = tf.add(dx, padAxis(r, axis, n - 1 - right, 1));
        }
        return [dx];
      },
    };
  });
  return op(x);
}

/**
 * Reflect padding along time with PyTorch 'reflect' semantics (edge sample not repeated):
 * [a b c d] padded by 2 → [c b a b c d c b]. Requires left, right < T, as PyTorch does.
 * x [B, T, C] → [B, left + T + right, C].
 */
export function reflectPad1d(x: tf.Tensor3D, left: number, right: number): tf.Tensor3D {
  checkNonNegInt(left, 'reflectPad1d left');
  checkNonNegInt(right, 'reflectPad1d right');
  const t = x.shape[1];
  check(left < t && right < t, () => `reflectPad1d: padding (${left}, ${right}) must be smaller than the length ${t}`);
  if (left === 0 && right === 0) return tf.clone(x);
  return reflectPadAxis(x, 1, left, right) as tf.Tensor3D;
}

/**
 * Reflect padding of the two spatial axes of x [B, H, W, C] (PyTorch 'reflect' semantics) →
 * [B, H + top + bottom, W + left + right, C].
 */
export function reflectPad2d(x: tf.Tensor4D, [top, bottom]: [number, number], [left, right]: [number, number]): tf.Tensor4D {
  for (const [v, n] of [
    [top, 'top'],
    [bottom, 'bottom'],
    [left, 'left'],
    [right, 'right'],
  ] as const)
    checkNonNegInt(v, `reflectPad2d ${n}`);
  const [, h, w] = x.shape;
  check(top < h && bottom < h && left < w && right < w, () => `reflectPad2d: padding must be smaller than ${h}×${w}`);
  return tf.tidy(() => {
    const xh = top + bottom > 0 ? reflectPadAxis(x, 1, top, bottom) : x; // [B, H', W, C]
    return (left + right > 0 ? reflectPadAxis(xh, 2, left, right) : tf.clone(xh)) as tf.Tensor4D; // [B, H', W', C]
  });
}
