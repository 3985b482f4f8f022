import * as tf from '@tensorflow/tfjs-core';
import { Module, type Rng } from '@vrvq/rvq';
import { addSame } from '../ops/add-same.js';
import { type Layer1d, Sequential1d } from './layer.js';
import { Snake1d } from './snake1d.js';
import { WNConv1d } from './wn-conv1d.js';

/**
 * DAC residual unit RU(C, d): Snake → WNConv1d(C, C, k=7, dilation d, pad 3d) → Snake →
 * WNConv1d(C, C, k=1), added to the input. Parameter names `block.{0..3}.…`.
 */
export class ResidualUnit extends Module implements Layer1d {
  readonly block: Sequential1d;

  constructor(channels: number, dilation: number, rng: Rng) {
    super();
    this.block = this.child(
      'block',
      new Sequential1d([
        new Snake1d(channels),
        new WNConv1d(channels, channels, { kernel: 7, dilation, padding: 3 * dilation }, rng),
        new Snake1d(channels),
        new WNConv1d(channels, channels, { kernel: 1 }, rng),
      ]),
    );
  }

  /** x [B, T, C] → [B, T, C] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const y = this.block.apply(x); // [B, T', C], T' = T with these paddings
      const crop = (x.shape[1] - y.shape[1]) / 2;
      const skip = crop > 0 ? tf.slice(x, [0, Math.floor(crop), 0], [-1, y.shape[1], -1]) : x;
      return addSame(skip as tf.Tensor3D, y); // [B, T', C]
    });
  }
}
