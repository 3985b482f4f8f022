import * as tf from '@tensorflow/tfjs-core';

/**
 * Kernel inputs arrive as `Tensor`s when called through ops and may arrive as bare `TensorInfo`s
 * from other kernels; wrap the latter (shares data, adds one reference, freed by the caller's tidy).
 */
export function asTensor(info: tf.TensorInfo): tf.Tensor {
  if (info instanceof tf.Tensor) return info;
  return tf.engine().makeTensorFromTensorInfo(info);
}
