import * as tf from '@tensorflow/tfjs-core';

/** The body of a {@link customOp}: forward value plus the gradient w.r.t. each input. */
export type CustomOpBody = (
  inputs: tf.Tensor[],
  save: tf.GradSaveFunc,
) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] };

/**
 * A typed wrapper around `tf.customGrad`: the body gets its tensor inputs as an array and the
 * `save` function separately. Its forward runs in a kernel scope, so the ops inside are not
 * recorded on the gradient tape; tensors the backward pass needs must go through `save` (closed-over
 * tensors may be disposed by an enclosing `tidy` before backprop runs).
 */
export function customOp(body: CustomOpBody): (...inputs: tf.Tensor[]) => tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    return body(args.slice(0, -1) as tf.Tensor[], save);
  });
  return (...inputs: tf.Tensor[]) => op(...inputs);
}
