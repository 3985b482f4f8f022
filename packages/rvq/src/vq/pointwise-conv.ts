import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { kaimingUniform } from '../nn/init.js';
import { Module } from '../nn/module.js';
import type { Rng } from '../nn/rng.js';
import { weightNorm, weightNormInitialG } from '../nn/weight-norm.js';

/**
 * A weight-normalised Conv1d with kernel size 1 (DAC's `WNConv1d(in, out, kernel_size=1)`), i.e. a
 * per-frame linear map. Parameters in PyTorch order and layout: `bias` `[out]`, `weight_g`
 * `[out, 1, 1]`, `weight_v` `[out, in, 1]`. Init: v kaiming-uniform, g = ‖v‖ (so w = v), bias 0.
 */
export class PointwiseConv extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly bias: tf.Variable;
  readonly weightG: tf.Variable;
  readonly weightV: tf.Variable;

  constructor(inChannels: number, outChannels: number, rng: Rng) {
    super();
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    const v = kaimingUniform([outChannels, inChannels, 1], rng);
    this.bias = this.param('bias', tf.zeros([outChannels]));
    this.weightG = this.param('weight_g', weightNormInitialG(v));
    this.weightV = this.param('weight_v', v);
  }

  /** The effective weight as a rank-2 matrix ready for `x · W`: `[in, out]`. */
  matrix(): tf.Tensor2D {
    return tf.tidy(() => {
      const w = weightNorm(this.weightG, this.weightV); // [out, in, 1]
      return tf.transpose(tf.reshape(w, [this.outChannels, this.inChannels])) as tf.Tensor2D; // [in, out]
    });
  }

  /** x `[N, in]` → `[N, out]`. Rank-2 non-transposed matMul (the fast path on wasm). */
  apply2d(x: tf.Tensor2D): tf.Tensor2D {
    check(x.rank === 2 && x.shape[1] === this.inChannels, 'invalid-shape', () =>
      `PointwiseConv expects [N, ${this.inChannels}], got [${x.shape}]`,
    );
    return tf.tidy(() => tf.add(tf.matMul(x, this.matrix()), this.bias)); // [N, out]
  }
}
