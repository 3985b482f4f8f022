import { Module, type Rng } from '@vrvq/rvq';
import type * as tf from '@tensorflow/tfjs-core';
import { type Layer1d, Sequential1d } from './layer.js';
import { ResidualUnit } from './residual-unit.js';
import { Snake1d } from './snake1d.js';
import { WNConv1d } from './wn-conv1d.js';
import { WNConvTranspose1d } from './wn-conv-transpose1d.js';

/** DAC's residual-unit dilations inside every block. */
export const BLOCK_DILATIONS = [1, 3, 9] as const;

/**
 * EncoderBlock(C, s): RU(C/2, 1) → RU(C/2, 3) → RU(C/2, 9) → Snake(C/2) →
 * WNConv1d(C/2 → C, k = 2s, stride s, pad ⌈s/2⌉). Names `block.{0..4}.…`.
 */
export class EncoderBlock extends Module implements Layer1d {
  readonly block: Sequential1d;

  constructor(dim: number, stride: number, rng: Rng) {
    super();
    const half = dim / 2;
    this.block = this.child(
      'block',
      new Sequential1d([
        ...BLOCK_DILATIONS.map((d) => new ResidualUnit(half, d, rng)),
        new Snake1d(half),
        new WNConv1d(half, dim, { kernel: 2 * stride, stride, padding: Math.ceil(stride / 2) }, rng),
      ]),
    );
  }

  /** x [B, T, C/2] → [B, T/s, C] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return this.block.apply(x);
  }
}

/**
 * DecoderBlock(in, out, s): Snake(in) → WNConvTranspose1d(in → out, k = 2s, stride s, pad ⌈s/2⌉)
 * → RU(out, 1) → RU(out, 3) → RU(out, 9). Names `block.{0..4}.…`.
 */
export class DecoderBlock extends Module implements Layer1d {
  readonly block: Sequential1d;

  constructor(inDim: number, outDim: number, stride: number, rng: Rng) {
    super();
    this.block = this.child(
      'block',
      new Sequential1d([
        new Snake1d(inDim),
        new WNConvTranspose1d(inDim, outDim, 2 * stride, stride, Math.ceil(stride / 2), rng),
        ...BLOCK_DILATIONS.map((d) => new ResidualUnit(outDim, d, rng)),
      ]),
    );
  }

  /** x [B, T, in] → [B, T·s (5T − 1 for s = 5), out] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return this.block.apply(x);
  }
}
