import type * as tf from '@tensorflow/tfjs-core';
import { standardNormal } from '../nn/init.js';
import { Module } from '../nn/module.js';
import type { Rng } from '../nn/rng.js';

/**
 * A codebook as PyTorch's `nn.Embedding(size, dim)`: one parameter `weight` `[size, dim]`, N(0, 1)
 * init. Learned by gradient through the codebook loss (no EMA, no k-means, no restarts).
 */
export class Codebook extends Module {
  readonly size: number;
  readonly dim: number;
  readonly weight: tf.Variable;

  constructor(size: number, dim: number, rng: Rng) {
    super();
    this.size = size;
    this.dim = dim;
    this.weight = this.param('weight', standardNormal([size, dim], rng));
  }
}
