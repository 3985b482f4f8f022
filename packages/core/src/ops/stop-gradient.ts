import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';

const stop = customOp(([x]) => ({
  value: tf.clone(x), // same data, a new tensor for the tape
  gradFunc: (dy) => [tf.zerosLike(dy)],
}));

/** Forward: x unchanged. Backward: zero gradient (tfjs 4.22 has no `tf.stopGradient`). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
