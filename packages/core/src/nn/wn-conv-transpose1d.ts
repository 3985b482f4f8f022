import * as tf from '@tensorflow/tfjs-core';
import { kaimingUniform, Module, type Rng, weightNormInitialG } from '@vrvq/rvq';
import { convTranspose1d } from '../ops/index.js';
import { weightNormFused } from '../ops/weight-norm.js';


/**
 * Weight-normalised ConvTranspose1d. PyTorch layout `weight_v` [in, out, k]; `weight_norm` uses
 * dim 0, so `weight_g` is [in, 1, 1] (per *input* channel) — this matters for parameter counts.
 */
export class WNConvTranspose1d extends Module {
  readonly weightG: tf.Variable;
  readonly weightV: tf.Variable;
  readonly bias: tf.Variable;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernel: number,
    readonly stride: number,
    readonly padding: number,
    rng: Rng,
  ) {
    super();
    const v = kaimingUniform([inChannels, outChannels, kernel], rng);
    this.weightG = this.param('weight_g', weightNormInitialG(v));
    this.weightV = this.param('weight_v', v);
    this.bias = this.param('bias', tf.zeros([outChannels]));
  }

  weight(): tf.Tensor3D {
    return weightNormFused(this.weightG, this.weightV) as tf.Tensor3D; // one kernel each way on cpu/wasm
  }

  /** x [B, T, in] → [B, (T−1)·s − 2p + k, out] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() =>
      convTranspose1d(x, this.weight(), this.bias as tf.Tensor1D, { stride: this.stride, padding: this.padding }),
    );
  }
}
