import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import { WNConv2d, type WNConv2dOptions } from '@vrvq/core';
import { Module, type Rng } from '@vrvq/rvq';

/** DAC's `WNConv2d(..., act=True)`: Sequential(weight-normalised Conv2d, LeakyReLU(0.1)). The
 * conv is child '0', so parameters are named `….0.weight_g`, `….0.weight_v`, `….0.bias`. */
export class WNConv2dLeaky extends Module {
  readonly conv: WNConv2d;

  constructor(inChannels: number, outChannels: number, opts: WNConv2dOptions, rng: Rng) {
    super();
    this.conv = this.child('0', new WNConv2d(inChannels, outChannels, opts, rng));
  }

  /** x [B, H, W, in] → [B, H', W', out] */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tfc.tidy(() => tfc.leakyRelu(this.conv.apply(x), 0.1));
  }
}
