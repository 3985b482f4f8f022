import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { discriminatorLoss, featureMatchingLoss, generatorAdversarialLoss } from '../losses/gan.js';
import { noise, useBackend } from '../testing/backends.js';
import { Discriminator, disposeFeatureMaps } from './discriminator.js';

/** Parameters of one weight-normalised conv: v, g (one per output), bias. */
const wnCount = (o: number, i: number, kh: number, kw: number) => o * i * kh * kw + 2 * o;

describe('Discriminator structure', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('uses DAC state_dict names and shapes, MPDs first, then MRDs', () => {
    const d = new Discriminator();
    const named = new Map(d.namedParameters().map(([n, v]) => [n, v.shape]));
    expect(named.get('discriminators.0.convs.0.0.weight_v')).toEqual([32, 1, 5, 1]);
    expect(named.get('discriminators.0.convs.0.0.weight_g')).toEqual([32, 1, 1, 1]);
    expect(named.get('discriminators.4.convs.4.0.weight_v')).toEqual([1024, 1024, 5, 1]);
    expect(named.get('discriminators.4.conv_post.weight_v')).toEqual([1, 1024, 3, 1]);
    expect(named.get('discriminators.5.band_convs.0.0.0.weight_v')).toEqual([32, 2, 3, 9]);
    expect(named.get('discriminators.7.band_convs.4.4.0.bias')).toEqual([32]);
    expect(named.get('discriminators.7.conv_post.weight_v')).toEqual([1, 32, 3, 3]);
    expect(named.has('discriminators.8.conv_post.bias')).toBe(false);
    const mpd =
      wnCount(32, 1, 5, 1) + wnCount(128, 32, 5, 1) + wnCount(512, 128, 5, 1) + wnCount(1024, 512, 5, 1) +
      wnCount(1024, 1024, 5, 1) + wnCount(1, 1024, 3, 1);
    const band = wnCount(32, 2, 3, 9) + 3 * wnCount(32, 32, 3, 9) + wnCount(32, 32, 3, 3);
    const mrd = 5 * band + wnCount(1, 32, 3, 3);
    expect(d.numParameters()).toBe(5 * mpd + 3 * mrd);
    d.dispose();
  });

  it('returns 6 maps per MPD and 26 per MRD with the expected shapes; no tensors leak', () => {
    const d = new Discriminator({ channelScale: 1 / 16, fftSizes: [256, 128], periods: [2, 3] });
    const n = 1000;
    const x = tf.tensor3d(noise(2 * n, 1, 0.3), [2, n, 1]);
    const before = tf.memory().numTensors;
    const out = d.apply(x);
    expect(out.length).toBe(4);
    expect(out[0].length).toBe(6);
    expect(out[2].length).toBe(26);
    // MPD p=3: pad 1000 → 1002, fold [2, 334, 3, 1]; stride-3 convs (k5, pad 2): 334 → 112 → 38 → 13 → 5 → 5
    expect(out[1].map((m) => m.shape)).toEqual([
      [2, 112, 3, 2],
      [2, 38, 3, 8],
      [2, 13, 3, 32],
      [2, 5, 3, 64],
      [2, 5, 3, 64],
      [2, 5, 3, 1],
    ]);
    // MRD 256: hop 64 → ⌈1000/64⌉ = 16 frames; 129 bins → bands 12, 20, 32, 32, 33 wide
    expect(out[2][0].shape).toEqual([2, 16, 12, 2]);
    expect(out[2][4].shape).toEqual([2, 16, 2, 2]); // 12 → 6 → 3 → 2
    const logits = out[2][25];
    const widths = [12, 20, 32, 32, 33].map((w) => Math.ceil(Math.ceil(Math.ceil(w / 2) / 2) / 2));
    expect(logits.shape).toEqual([2, 16, widths.reduce((a, b) => a + b, 0), 1]);
    disposeFeatureMaps(out);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    d.dispose();
  });

  it('ignores DC offset and gain (input is re-centred and peak-normalised)', () => {
    const d = new Discriminator({ channelScale: 1 / 32, fftSizes: [128], periods: [5] });
    const xs = noise(600, 4, 0.2);
    const a = tf.tensor2d(xs, [1, 600]);
    const b = tf.tidy(() => tf.add(tf.mul(a, 3.5), 0.25));
    const oa = d.apply(a);
    const ob = d.apply(b);
    for (let i = 0; i < oa.length; i++) {
      const la = oa[i][oa[i].length - 1].dataSync();
      const lb = ob[i][ob[i].length - 1].dataSync();
      for (let j = 0; j < la.length; j++) expect(lb[j]).toBeCloseTo(la[j], 4);
    }
    disposeFeatureMaps(oa);
    disposeFeatureMaps(ob);
    tf.dispose([a, b]);
    d.dispose();
  });
});

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`Discriminator gradients on ${backend}`, () => {
    beforeAll(async () => {
      await useBackend(backend);
    });

    it('d(loss)/d(weight_g) matches a finite difference; input gradients are finite', () => {
      const d = new Discriminator({ channelScale: 1 / 16, fftSizes: [128], periods: [3], seed: 3 });
      const real = tf.tensor3d(noise(512, 8, 0.5), [1, 512, 1]);
      const fake = tf.tensor3d(noise(512, 9, 0.5), [1, 512, 1]);
      const lossOf = () => {
        const f = d.apply(fake);
        const r = d.apply(real);
        // feature matching detaches the real maps, so it is left out of this parameter check
        const l = tf.tidy(() => tf.add(discriminatorLoss(f, r), generatorAdversarialLoss(f))) as tf.Scalar;
        disposeFeatureMaps(f);
        disposeFeatureMaps(r);
        return l;
      };
      const named = new Map(d.namedParameters());
      for (const name of ['discriminators.0.convs.2.0.weight_g', 'discriminators.1.band_convs.2.1.0.weight_g']) {
        const g = named.get(name)!;
        const { grads, value } = tf.variableGrads(() => lossOf(), [g]);
        const analytic = grads[g.name].dataSync()[0];
        const base = g.dataSync().slice();
        const eps = 1e-2 * Math.abs(base[0]);
        const at = (delta: number) => {
          const moved = base.slice();
          moved[0] += delta;
          g.assign(tf.tensor(moved, g.shape));
          return tf.tidy(() => lossOf().dataSync()[0]);
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        g.assign(tf.tensor(base, g.shape));
        expect(Math.abs(analytic - numeric)).toBeLessThan(0.05 * Math.abs(numeric) + 1e-4);
        tf.dispose([value, ...Object.values(grads)]);
      }
      const realMaps = d.apply(real);
      const gx = tf.grad((x: tf.Tensor) => {
        const f = d.apply(x);
        return tf.add(generatorAdversarialLoss(f), featureMatchingLoss(f, realMaps)) as tf.Scalar;
      })(fake);
      disposeFeatureMaps(realMaps);
      const gd = gx.dataSync();
      expect(Array.from(gd).every(Number.isFinite)).toBe(true);
      expect(Math.max(...Array.from(gd, Math.abs))).toBeGreaterThan(0);
      tf.dispose([gx, real, fake]);
      d.dispose();
    });
  });
}
