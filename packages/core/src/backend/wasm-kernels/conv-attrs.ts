import * as tf from '@tensorflow/tfjs-core';

/** The attributes tfjs passes to both conv2d gradient kernels (plus `filterShape` or `inputShape`). */
export interface Conv2DGradAttrs {
  strides: [number, number] | number;
  pad: tf.backend_util.ExplicitPadding | 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** NCHW → NHWC: [B, C, H, W] → [B, H, W, C]. */
export function channelsLast(x: tf.Tensor4D): tf.Tensor4D {
  return tf.transpose(x, [0, 2, 3, 1]);
}
