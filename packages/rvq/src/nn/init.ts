import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';

/**
 * PyTorch's default Conv/Linear weight init (`kaiming_uniform_(a=√5)`): U(−b, b) with
 * b = 1/√fan_in, fan_in = shape[1]·shape[2]·… . Values drawn from `rng`, PyTorch layout `shape`.
 */
export function kaimingUniform(shape: number[], rng: Rng): tf.Tensor {
  const fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
  const bound = 1 / Math.sqrt(fanIn);
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(-bound, bound);
  return tf.tensor(data, shape, 'float32');
}

/** N(0, 1) values from `rng` (PyTorch's `nn.Embedding` init). */
export function standardNormal(shape: number[], rng: Rng): tf.Tensor {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return tf.tensor(data, shape, 'float32');
}
