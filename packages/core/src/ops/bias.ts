import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';
import { sumRows } from './sum-rows.js';

const addBiasOp = customOp(([y, bias]) => ({
  value: tf.add(y, bias), // [..., C] + [C]
  gradFunc: (dy) => [tf.clone(dy), sumRows(dy)],
}));

/** y [..., C] + bias [C] (broadcast over all leading axes); the bias gradient is one matMul. */
export function addBias<T extends tf.Tensor>(y: T, bias: tf.Tensor1D | null): T {
  if (bias === null) return y;
  return addBiasOp(y, bias) as T;
}
