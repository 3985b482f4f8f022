import * as tf from '@tensorflow/tfjs-core';
import { Module, type Rng } from '@vrvq/rvq';
import { Sequential1d } from '../nn/layer.js';
import { Snake1d } from '../nn/snake1d.js';
import { WNConv1d } from '../nn/wn-conv1d.js';

/**
 * VRVQ importance subnet: for channels [c0, c1, …, cn] = [input, hidden…], a Snake(c_i) then a
 * WNConv1d(c_i → c_{i+1}, k3, pad 1) per step, a last Snake + WNConv1d(→ 1), and a sigmoid.
 * Paper: 1024 → 1024 → 512 → 128 → 32 → 8 → 1. Names `block.{2i}` (Snake), `block.{2i+1}` (conv).
 */
export class ImportanceSubnet extends Module {
  readonly block: Sequential1d;

  constructor(inputDim: number, hidden: number[], rng: Rng) {
    super();
    const chans = [inputDim, ...hidden, 1];
    const layers: Array<Sequential1d['layers'][number]> = [];
    for (let i = 0; i + 1 < chans.length; i++) {
      layers.push(new Snake1d(chans[i]), new WNConv1d(chans[i], chans[i + 1], { kernel: 3, padding: 1 }, rng));
    }
    this.block = this.child('block', new Sequential1d(layers));
  }

  /** h [B, T, C] → p [B, T, 1] in (0, 1) */
  apply(h: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => tf.sigmoid(this.block.apply(h)));
  }
}
