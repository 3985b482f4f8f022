import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { directionalDerivative, noise, useBackend } from '../testing/backends.js';
import { referenceMagnitude } from '../testing/reference-stft.js';
import { MultiScaleStftLoss } from './stft-loss.js';
import { waveformL1 } from './waveform.js';

function referenceStftLoss(a: ArrayLike<number>, b: ArrayLike<number>, win: number): number {
  const ma = referenceMagnitude(a, win, win / 4).flat();
  const mb = referenceMagnitude(b, win, win / 4).flat();
  let log = 0;
  let mag = 0;
  for (let i = 0; i < ma.length; i++) {
    log += Math.abs(Math.log10(Math.max(ma[i], 1e-5) ** 2) - Math.log10(Math.max(mb[i], 1e-5) ** 2));
    mag += Math.abs(ma[i] - mb[i]);
  }
  return (log + mag) / ma.length;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`MultiScaleStftLoss and waveform L1 on ${backend}`, () => {
    beforeAll(async () => {
      await useBackend(backend);
    });

    it('matches a float64 reference (log10 |X|² L1 + |X| L1, summed over windows)', () => {
      const n = 256;
      const a = noise(n, 21, 0.4);
      const b = noise(n, 22, 0.6);
      const loss = new MultiScaleStftLoss({ windowLengths: [64, 16] });
      const before = tf.memory().numTensors;
      const l = tf.tidy(() => loss.loss(tf.tensor3d(a, [1, n, 1]), tf.tensor3d(b, [1, n, 1])));
      const expected = referenceStftLoss(a, b, 64) + referenceStftLoss(a, b, 16);
      expect(l.dataSync()[0]).toBeCloseTo(expected, 3);
      l.dispose();
      expect(tf.memory().numTensors).toBe(before);
      loss.dispose();
    });

    it('differentiates (float64 finite differences)', () => {
      const loss = new MultiScaleStftLoss({ windowLengths: [32] });
      const y = noise(96, 1, 0.5);
      const yt = tf.tensor2d(y, [1, 96]);
      const [an, num] = directionalDerivative(
        (t) => loss.loss(t, yt),
        (x) => referenceStftLoss(x, y, 32),
        noise(96, 2, 0.5),
        [1, 96],
        noise(96, 3),
      );
      expect(Math.abs(an - num)).toBeLessThan(1e-3 * Math.max(1, Math.abs(num)));
      yt.dispose();
      loss.dispose();
    });

    it('waveform L1 is the mean absolute difference', () => {
      const a = tf.tensor3d([0, 1, -1, 2], [1, 4, 1]);
      const b = tf.tensor3d([1, 1, 1, 0], [1, 4, 1]);
      const l = waveformL1(a, b);
      expect(l.dataSync()[0]).toBeCloseTo((1 + 0 + 2 + 2) / 4, 6);
      tf.dispose([a, b, l]);
    });
  });
}
