import * as tf from '@tensorflow/tfjs-core';

/** Backward of a custom op: upstream gradient and the tensors saved in forward → one gradient per input. */
export type GradFn = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[];

/** Forward of a custom op: inputs and a save function (a no-op when no gradient is recorded). */
export type ForwardFn = (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: GradFn };

/**
 * `tf.customGrad` with typed inputs. Anything the backward pass needs (inputs included) must be
 * passed to `save`: inputs created inside a caller's `tf.tidy` are gone by backward time.
 */
export function customOp(f: ForwardFn): (...inputs: tf.Tensor[]) => tf.Tensor {
  const wrapped = (...raw: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = raw[raw.length - 1] as tf.GradSaveFunc;
    return f(raw.slice(0, -1) as tf.Tensor[], save);
  };
  const g = tf.customGrad(wrapped as unknown as Parameters<typeof tf.customGrad>[0]);
  return (...inputs: tf.Tensor[]) => g(...inputs);
}
