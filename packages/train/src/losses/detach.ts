import * as tf from '@tensorflow/tfjs-core';

const stop = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const a = args[0] as tf.Tensor;
  return { value: tf.clone(a), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor) };
});

/** Stop-gradient: forward x, gradient 0 (tfjs 4.22 has no `stopGradient`). Any shape. */
export function detach<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
