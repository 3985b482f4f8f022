import * as tf from '@tensorflow/tfjs-core';

const magnitude = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  const mag = tf.sqrt(tf.add(tf.square(a), tf.square(b)));
  save([a, b, mag]);
  return {
    value: mag,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [sa, sb, m] = saved;
      const pos = tf.greater(m, 0);
      const inv = tf.where(pos, tf.div(dy as tf.Tensor, tf.where(pos, m, tf.onesLike(m))), tf.zerosLike(m));
      return [tf.mul(inv, sa), tf.mul(inv, sb)];
    },
  };
});

/**
 * |re + i·im| with an exact forward value and a gradient that is 0 (not NaN/∞) where the
 * magnitude is 0, like PyTorch's `abs` of a complex tensor. re, im: any equal shapes.
 */
export function complexMagnitude(re: tf.Tensor, im: tf.Tensor): tf.Tensor {
  return magnitude(re, im);
}
