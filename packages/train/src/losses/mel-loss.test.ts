import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { melFilterBank } from '../signal/mel-filters.js';
import { directionalDerivative, noise, useBackend } from '../testing/backends.js';
import { referenceMagnitude } from '../testing/reference-stft.js';
import { MultiScaleMelLoss } from './mel-loss.js';

/** Float64 mel loss of one scale for one item, from the reference STFT and the filter bank. */
function referenceMelL1(a: ArrayLike<number>, b: ArrayLike<number>, sr: number, win: number, nMels: number): number {
  const fb = melFilterBank({ sampleRate: sr, nFft: win, nMels });
  const k = win / 2 + 1;
  const mel = (x: ArrayLike<number>) =>
    referenceMagnitude(x, win, win / 4).map((frame) =>
      Array.from({ length: nMels }, (_, m) => frame.reduce((s, v, j) => s + v * fb[m * k + j], 0)),
    );
  const ma = mel(a);
  const mb = mel(b);
  let s = 0;
  let n = 0;
  for (let f = 0; f < ma.length; f++) {
    for (let m = 0; m < nMels; m++) {
      s += Math.abs(Math.log10(Math.max(ma[f][m], 1e-5)) - Math.log10(Math.max(mb[f][m], 1e-5)));
      n++;
    }
  }
  return s / n;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`MultiScaleMelLoss on ${backend}`, () => {
    beforeAll(async () => {
      await useBackend(backend);
    });

    it('is the sum over scales of log10-mel L1, matching a float64 reference', () => {
      const sr = 16000;
      const n = 300;
      const a = noise(n, 1, 0.5);
      const b = noise(n, 2, 0.3);
      const loss = new MultiScaleMelLoss({ sampleRate: sr, windowLengths: [32, 64], nMels: [5, 10] });
      const before = tf.memory().numTensors;
      const ta = tf.tensor3d(a, [1, n, 1]);
      const tb = tf.tensor3d(b, [1, n, 1]);
      const total = loss.loss(ta, tb);
      const parts = loss.perScale(ta, tb);
      const expected = [referenceMelL1(a, b, sr, 32, 5), referenceMelL1(a, b, sr, 64, 10)];
      expect(parts[0].dataSync()[0]).toBeCloseTo(expected[0], 4);
      expect(parts[1].dataSync()[0]).toBeCloseTo(expected[1], 4);
      expect(total.dataSync()[0]).toBeCloseTo(expected[0] + expected[1], 4);
      const same = loss.loss(ta, ta);
      expect(same.dataSync()[0]).toBe(0);
      tf.dispose([ta, tb, total, same, ...parts]);
      expect(tf.memory().numTensors).toBe(before);
      loss.dispose();
    });

    it('has gradients that match float64 finite differences', () => {
      const loss = new MultiScaleMelLoss({ sampleRate: 16000, windowLengths: [32, 64], nMels: [5, 10] });
      const n = 200;
      const y = noise(n, 5, 0.5);
      const yt = tf.tensor3d(y, [1, n, 1]);
      const ref = (x: Float64Array) => referenceMelL1(x, y, 16000, 32, 5) + referenceMelL1(x, y, 16000, 64, 10);
      const [an, num] = directionalDerivative((t) => loss.loss(t, yt), ref, noise(n, 6, 0.5), [1, n, 1], noise(n, 9));
      expect(Math.abs(an - num)).toBeLessThan(1e-3 * Math.max(1, Math.abs(num)));
      yt.dispose();
      loss.dispose();
    });

    it('runs the DAC 7-scale configuration with finite gradients on silence', () => {
      const loss = new MultiScaleMelLoss({ sampleRate: 44100 });
      expect(loss.scales.map((s) => s.nMels)).toEqual([5, 10, 20, 40, 80, 160, 320]);
      const y = tf.tensor3d(noise(4096, 4, 0.5), [1, 4096, 1]);
      const z = tf.zeros([1, 4096, 1]);
      const g = tf.grad((t: tf.Tensor) => loss.loss(t, y))(z);
      expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
      const l = loss.loss(z, y).dataSync()[0];
      expect(l).toBeGreaterThan(1);
      tf.dispose([y, z, g]);
      loss.dispose();
    });
  });
}
