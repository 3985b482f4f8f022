import * as tf from '@tensorflow/tfjs-core';
import { Module } from '@vrvq/rvq';
import { snake } from '../ops/index.js';

/** Snake activation with a learnable per-channel α, PyTorch parameter `alpha` [1, C, 1] (init 1). */
export class Snake1d extends Module {
  readonly alpha: tf.Variable;

  constructor(readonly channels: number) {
    super();
    this.alpha = this.param('alpha', tf.ones([1, channels, 1]));
  }

  /** x [B, T, C] → [B, T, C] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return snake(x, this.alpha as tf.Tensor3D);
  }
}
