import * as tf from '@tensorflow/tfjs-core';
import { WNConv2d } from '@vrvq/core';
import { Module, ModuleList, type Rng } from '@vrvq/rvq';
import { reflectPad } from '../signal/stft.js';
import { WNConv2dLeaky } from './conv-act.js';

/** DAC MPD channel widths (before the size multiplier). */
export const MPD_CHANNELS = [32, 128, 512, 1024, 1024];

/**
 * Multi-period discriminator for one period p (DAC `MPD`): reflect-pad the waveform right by
 * p − N mod p (a full period when already divisible, as DAC does), fold it to [B, N/p, p, 1], then
 * five (5,1) convs (strides 3,3,3,3,1) with LeakyReLU and a (3,1) post conv.
 * Names: `convs.{i}.0.weight_g|weight_v|bias`, `conv_post.weight_g|weight_v|bias`.
 */
export class PeriodDiscriminator extends Module {
  readonly period: number;
  readonly convs: ModuleList<WNConv2dLeaky>;
  readonly convPost: WNConv2d;

  constructor(period: number, channels: number[], rng: Rng) {
    super();
    this.period = period;
    const ins = [1, ...channels.slice(0, -1)];
    this.convs = this.child(
      'convs',
      new ModuleList(
        channels.map(
          (c, i) =>
            new WNConv2dLeaky(
              ins[i],
              c,
              {
                kernel: [5, 1],
                stride: i < channels.length - 1 ? [3, 1] : [1, 1],
                padding: [
                  [2, 2],
                  [0, 0],
                ],
              },
              rng,
            ),
        ),
      ),
    );
    this.convPost = this.child(
      'conv_post',
      new WNConv2d(channels[channels.length - 1], 1, { kernel: [3, 1], padding: [[1, 1], [0, 0]] }, rng),
    );
  }

  /** x [B, N] (already preprocessed) → feature maps [B, H, p, C] …, logits [B, H, p, 1] last. */
  apply(x: tf.Tensor2D): tf.Tensor4D[] {
    const [b, n] = x.shape;
    const p = this.period;
    const folded = tf.tidy(() => {
      const padded = reflectPad(x, 0, p - (n % p)); // [B, N']
      return tf.reshape(padded, [b, padded.shape[1] / p, p, 1]) as tf.Tensor4D; // [B, N'/p, p, 1]
    });
    const maps: tf.Tensor4D[] = [];
    let h = folded;
    for (const conv of this.convs.items) {
      h = conv.apply(h); // [B, H, p, C]
      maps.push(h);
    }
    maps.push(this.convPost.apply(h)); // [B, H, p, 1]
    folded.dispose();
    return maps;
  }
}
