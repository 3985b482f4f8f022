import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';

const stop = customOp(([x]) => ({
  value: x.clone(),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/**
 * sg(x): forward `x`, gradient zero (PyTorch's `x.detach()`). tfjs 4.22 has no `stopGradient`,
 * so this is a `customGrad` whose backward returns zeros. Any shape.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
