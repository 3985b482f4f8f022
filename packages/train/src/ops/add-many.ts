import * as tf from '@tensorflow/tfjs-core';

/**
 * Inputs per AddN kernel. tfjs-backend-webgpu 4.22 binds every AddN input as its own storage
 * buffer, and WebGPU's default limit is 8 storage buffers per shader stage (one is the output).
 * A larger AddN fails shader validation; tfjs only logs that, and the sum reads as zeros.
 */
export const ADDN_MAX_INPUTS = 7;

/**
 * tf.addN for any number of tensors, on every backend: chunks of at most ADDN_MAX_INPUTS
 * inputs, each chunk starting with the sum so far. AddN adds its inputs left to right on every
 * backend, so the result has the same bits as one tf.addN of all of them.
 */
export function addMany<T extends tf.Tensor>(terms: T[]): T {
  if (terms.length <= ADDN_MAX_INPUTS) return tf.addN(terms);
  return tf.tidy(() => {
    let sum = tf.addN(terms.slice(0, ADDN_MAX_INPUTS));
    for (let i = ADDN_MAX_INPUTS; i < terms.length; i += ADDN_MAX_INPUTS - 1) {
      sum = tf.addN([sum, ...terms.slice(i, i + ADDN_MAX_INPUTS - 1)]);
    }
    return sum;
  });
}
