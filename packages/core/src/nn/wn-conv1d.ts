import * as tf from '@tensorflow/tfjs-core';
import { kaimingUniform, Module, type Rng, weightNormInitialG } from '@vrvq/rvq';
import { conv1d } from '../ops/index.js';
import { weightNormFused } from '../ops/weight-norm.js';


export interface WNConv1dOptions {
  kernel: number;
  stride?: number;
  dilation?: number;
  padding?: number;
}

/**
 * Weight-normalised Conv1d (PyTorch `weight_norm(nn.Conv1d)`): parameters `weight_g` [out, 1, 1],
 * `weight_v` [out, in, k], `bias` [out]. Input and output are channels-last.
 */
export class WNConv1d extends Module {
  readonly weightG: tf.Variable;
  readonly weightV: tf.Variable;
  readonly bias: tf.Variable;
  readonly opts: Required<WNConv1dOptions>;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    opts: WNConv1dOptions,
    rng: Rng,
  ) {
    super();
    this.opts = { stride: 1, dilation: 1, padding: 0, ...opts };
    const v = kaimingUniform([outChannels, inChannels, opts.kernel], rng);
    this.weightG = this.param('weight_g', weightNormInitialG(v));
    this.weightV = this.param('weight_v', v);
    this.bias = this.param('bias', tf.zeros([outChannels]));
  }

  /** The effective weight w = g · v/‖v‖, [out, in, k]. */
  weight(): tf.Tensor3D {
    return weightNormFused(this.weightG, this.weightV) as tf.Tensor3D; // one kernel each way on cpu/wasm
  }

  /** x [B, T, in] → [B, T', out] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() =>
      conv1d(x, this.weight(), this.bias as tf.Tensor1D, {
        stride: this.opts.stride,
        dilation: this.opts.dilation,
        padding: this.opts.padding,
      }),
    );
  }

  /** Multiply-accumulates per output frame (for FLOP counts). */
  macsPerOutputFrame(): number {
    return this.inChannels * this.outChannels * this.opts.kernel;
  }
}
