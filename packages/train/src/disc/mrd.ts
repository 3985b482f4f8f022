import * as tf from '@tensorflow/tfjs-core';
import { WNConv2d } from '@vrvq/core';
import { Module, ModuleList, type Rng } from '@vrvq/rvq';
import { Stft } from '../signal/stft.js';
import { WNConv2dLeaky } from './conv-act.js';

/** DAC's frequency bands, as fractions of the bins. */
export const MRD_BANDS: Array<[number, number]> = [
  [0.0, 0.1],
  [0.1, 0.25],
  [0.25, 0.5],
  [0.5, 0.75],
  [0.75, 1.0],
];

/** One band's conv stack: DAC `band_convs.{b}` (5 convs, stride 2 along frequency in 3 of them). */
class BandStack extends ModuleList<WNConv2dLeaky> {
  constructor(ch: number, rng: Rng) {
    const k39 = { kernel: [3, 9] as [number, number], padding: [[1, 1], [4, 4]] as [[number, number], [number, number]] };
    super([
      new WNConv2dLeaky(2, ch, { ...k39, stride: [1, 1] }, rng),
      new WNConv2dLeaky(ch, ch, { ...k39, stride: [1, 2] }, rng),
      new WNConv2dLeaky(ch, ch, { ...k39, stride: [1, 2] }, rng),
      new WNConv2dLeaky(ch, ch, { ...k39, stride: [1, 2] }, rng),
      new WNConv2dLeaky(ch, ch, { kernel: [3, 3], stride: [1, 1], padding: [[1, 1], [1, 1]] }, rng),
    ]);
  }
}

/**
 * Multi-band complex-STFT discriminator for one window length (DAC `MRD`): match-stride STFT
 * (Hann, hop = window/4) as 2 channels (real, imag) laid out [B, time, freq, 2]; the bins are
 * split into bands at ⌊fraction·bins⌋; each band runs its own stack; the band outputs are
 * concatenated along frequency and go through a shared (3,3) post conv.
 * Names: `band_convs.{b}.{i}.0.weight_g|weight_v|bias`, `conv_post.…`.
 */
export class MultiBandStftDiscriminator extends Module {
  readonly windowLength: number;
  readonly bands: Array<[number, number]>;
  readonly bandConvs: ModuleList<BandStack>;
  readonly convPost: WNConv2d;
  private readonly stft: Stft;

  constructor(windowLength: number, channels: number, rng: Rng, bands: Array<[number, number]> = MRD_BANDS) {
    super();
    this.windowLength = windowLength;
    this.stft = new Stft({ windowLength, padding: 'match-stride' });
    const nBins = this.stft.nBins;
    this.bands = bands.map(([lo, hi]) => [Math.floor(lo * nBins), Math.floor(hi * nBins)]);
    this.bandConvs = this.child('band_convs', new ModuleList(this.bands.map(() => new BandStack(channels, rng))));
    this.convPost = this.child('conv_post', new WNConv2d(channels, 1, { kernel: [3, 3], padding: [[1, 1], [1, 1]] }, rng));
  }

  /** x [B, N] (already preprocessed) → 5·bands feature maps [B, F, W, C] …, logits [B, F, W', 1] last. */
  apply(x: tf.Tensor2D): tf.Tensor4D[] {
    const spec = tf.tidy(() => {
      const { re, im } = this.stft.complex(x); // [B, F, K] each
      return tf.stack([re, im], 3) as tf.Tensor4D; // [B, F, K, 2]
    });
    const maps: tf.Tensor4D[] = [];
    const outs: tf.Tensor4D[] = [];
    const [b, f] = spec.shape;
    this.bands.forEach(([lo, hi], i) => {
      let h = tf.slice(spec, [0, 0, lo, 0], [b, f, hi - lo, 2]) as tf.Tensor4D; // [B, F, band, 2]
      const input = h;
      for (const conv of this.bandConvs.at(i).items) {
        h = conv.apply(h); // [B, F, W, C]
        maps.push(h);
      }
      input.dispose();
      outs.push(h);
    });
    spec.dispose();
    const joined = tf.concat(outs, 2) as tf.Tensor4D; // [B, F, ΣW, C]
    maps.push(this.convPost.apply(joined)); // [B, F, ΣW, 1]
    joined.dispose();
    return maps;
  }

  override dispose(): void {
    super.dispose();
    this.stft.dispose();
  }
}
