import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { customOp } from './custom-op.js';

/**
 * Straight-through combination: the forward value is exactly `value`, the gradient goes to `grad`
 * as if the op were the identity on `grad`. Equivalent to `grad + sg(value − grad)` but without
 * the rounding error of that sum, so the forward pass reproduces `value` bit for bit.
 *
 * No gradient reaches `value` through this op. `grad` and `value`: same shape, any rank.
 */
export function straightThrough<T extends tf.Tensor>(grad: T, value: tf.Tensor): T {
  check(
    tf.util.arraysEqual(grad.shape, value.shape),
    'invalid-shape',
    () => `straightThrough: shapes differ, [${grad.shape}] vs [${value.shape}]`,
  );
  const op = customOp(([g]) => ({
    value: tf.cast(value, g.dtype),
    gradFunc: (dy: tf.Tensor) => dy,
  }));
  return op(grad) as T;
}
