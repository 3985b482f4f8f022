import * as tf from '@tensorflow/tfjs-core';
import { Module, type Rng } from '@vrvq/rvq';
import { DecoderBlock } from '../nn/blocks.js';
import { Lambda1d, Sequential1d } from '../nn/layer.js';
import { Snake1d } from '../nn/snake1d.js';
import { WNConv1d } from '../nn/wn-conv1d.js';
import type { ModelPreset } from '../presets/types.js';

/**
 * DAC decoder: WNConv1d(D → C, k7) → DecoderBlock(C/2^i → C/2^(i+1), s_i) … → Snake →
 * WNConv1d(→ 1, k7) → tanh. Parameter names `model.{0..n+3}.…`.
 */
export class Decoder extends Module {
  readonly model: Sequential1d;

  constructor(preset: ModelPreset, rng: Rng) {
    super();
    let dim = preset.decoderDim;
    const layers: Array<Sequential1d['layers'][number]> = [
      new WNConv1d(preset.latentDim, dim, { kernel: 7, padding: 3 }, rng),
    ];
    for (const stride of preset.decoderRates) {
      layers.push(new DecoderBlock(dim, dim / 2, stride, rng));
      dim /= 2;
    }
    layers.push(new Snake1d(dim), new WNConv1d(dim, 1, { kernel: 7, padding: 3 }, rng), new Lambda1d((x) => tf.tanh(x)));
    this.model = this.child('model', new Sequential1d(layers));
  }

  /** z [B, T, D] → audio [B, ≈T·hop, 1] (odd strides lose a sample per block, as in DAC) */
  apply(z: tf.Tensor3D): tf.Tensor3D {
    return this.model.apply(z);
  }
}
