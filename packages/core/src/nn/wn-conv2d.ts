import * as tf from '@tensorflow/tfjs-core';
import { kaimingUniform, Module, type Rng, weightNormInitialG } from '@vrvq/rvq';
import { conv2d } from '../ops/index.js';
import { weightNormFused } from '../ops/weight-norm.js';


export interface WNConv2dOptions {
  kernel: [number, number];
  stride?: [number, number];
  /** [[top, bottom], [left, right]] along (H, W). */
  padding?: [[number, number], [number, number]];
}

/** Weight-normalised Conv2d: `weight_g` [out, 1, 1, 1], `weight_v` [out, in, kh, kw], `bias` [out]. */
export class WNConv2d extends Module {
  readonly weightG: tf.Variable;
  readonly weightV: tf.Variable;
  readonly bias: tf.Variable;
  readonly stride: [number, number];
  readonly padding: [[number, number], [number, number]];

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    opts: WNConv2dOptions,
    rng: Rng,
  ) {
    super();
    this.stride = opts.stride ?? [1, 1];
    this.padding = opts.padding ?? [
      [0, 0],
      [0, 0],
    ];
    const v = kaimingUniform([outChannels, inChannels, opts.kernel[0], opts.kernel[1]], rng);
    this.weightG = this.param('weight_g', weightNormInitialG(v));
    this.weightV = this.param('weight_v', v);
    this.bias = this.param('bias', tf.zeros([outChannels]));
  }

  weight(): tf.Tensor4D {
    return weightNormFused(this.weightG, this.weightV) as tf.Tensor4D; // one kernel each way on cpu/wasm
  }

  /** x [B, H, W, in] → [B, H', W', out] */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() =>
      conv2d(x, this.weight(), this.bias as tf.Tensor1D, { stride: this.stride, padding: this.padding }),
    );
  }
}
