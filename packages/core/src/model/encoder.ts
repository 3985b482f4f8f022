import * as tf from '@tensorflow/tfjs-core';
import { Module, type Rng } from '@vrvq/rvq';
import { EncoderBlock } from '../nn/blocks.js';
import { Sequential1d } from '../nn/layer.js';
import { Snake1d } from '../nn/snake1d.js';
import { WNConv1d } from '../nn/wn-conv1d.js';
import type { ModelPreset } from '../presets/types.js';

export interface EncoderOutput {
  /** Final latent z [B, T, D]. */
  z: tf.Tensor3D;
  /** Last encoder block output h [B, T, C·2^blocks] (the importance subnet's input). */
  h: tf.Tensor3D;
}

/**
 * DAC encoder: WNConv1d(1 → C, k7) → EncoderBlock(2C, s1) → … → Snake → WNConv1d(→ D, k3).
 * Parameter names `block.{0..n+2}.…` as in the official state_dict.
 */
export class Encoder extends Module {
  readonly block: Sequential1d;
  /** Index of the last encoder block inside `block`. */
  private readonly lastBlock: number;

  constructor(preset: ModelPreset, rng: Rng) {
    super();
    let dim = preset.encoderDim;
    const layers: Array<Sequential1d['layers'][number]> = [new WNConv1d(1, dim, { kernel: 7, padding: 3 }, rng)];
    for (const stride of preset.encoderRates) {
      dim *= 2;
      layers.push(new EncoderBlock(dim, stride, rng));
    }
    this.lastBlock = layers.length - 1;
    layers.push(new Snake1d(dim), new WNConv1d(dim, preset.latentDim, { kernel: 3, padding: 1 }, rng));
    this.block = this.child('block', new Sequential1d(layers));
  }

  /** x [B, N, 1] (N a multiple of the hop) → z [B, N/hop, D], h [B, N/hop, C_last] */
  apply(x: tf.Tensor3D): EncoderOutput {
    const layers = this.block.layers;
    let cur = x;
    let h: tf.Tensor3D | null = null;
    for (let i = 0; i < layers.length; i++) {
      const next = layers[i].apply(cur);
      if (cur !== x && cur !== h) cur.dispose();
      cur = next;
      if (i === this.lastBlock) h = cur;
    }
    return { z: cur, h: h! };
  }
}

/** Convenience for callers that only need the latent: disposes h. */
export function encodeLatent(encoder: Encoder, x: tf.Tensor3D): tf.Tensor3D {
  const { z, h } = encoder.apply(x);
  if (h !== z) h.dispose();
  return z;
}

