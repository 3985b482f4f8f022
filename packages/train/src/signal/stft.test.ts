import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directionalDerivative, noise, useBackend } from '../testing/backends.js';
import { referenceMagnitude, referenceStft } from '../testing/reference-stft.js';
import { Stft } from './stft.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`Stft on ${backend}`, () => {
    beforeAll(async () => {
      await useBackend(backend);
    });
    afterAll(() => {
      tf.disposeVariables();
    });

    for (const padding of ['center', 'match-stride'] as const) {
      it(`matches a float64 DFT from the definition (${padding}, odd length)`, () => {
        const win = 32;
        const hop = 8;
        const n = 101;
        const xs = noise(2 * n, 7);
        const stft = new Stft({ windowLength: win, padding });
        const before = tf.memory().numTensors;
        const x = tf.tensor3d(xs, [2, n, 1]);
        const { re, im } = stft.complex(x);
        expect(re.shape).toEqual([2, stft.numFrames(n), 17]);
        const r = re.arraySync();
        const m = im.arraySync();
        for (let b = 0; b < 2; b++) {
          const ref = referenceStft(xs.subarray(b * n, (b + 1) * n), win, hop, padding === 'match-stride');
          expect(ref.re.length).toBe(stft.numFrames(n));
          for (let f = 0; f < ref.re.length; f++) {
            for (let k = 0; k < 17; k++) {
              expect(r[b][f][k]).toBeCloseTo(ref.re[f][k], 4);
              expect(m[b][f][k]).toBeCloseTo(ref.im[f][k], 4);
            }
          }
        }
        tf.dispose([x, re, im]);
        expect(tf.memory().numTensors).toBe(before);
        stft.dispose();
      });
    }

    it('frame counts: centre 1 + ⌊N/hop⌋, match-stride ⌈N/hop⌉', () => {
      const c = new Stft({ windowLength: 64, padding: 'center' });
      const m = new Stft({ windowLength: 64, padding: 'match-stride' });
      expect(c.numFrames(160)).toBe(11);
      expect(m.numFrames(160)).toBe(10);
      expect(m.numFrames(161)).toBe(11);
      const x = tf.zeros([1, 161]);
      const mag = m.magnitude(x);
      expect(mag.shape).toEqual([1, 11, 33]);
      tf.dispose([x, mag]);
      c.dispose();
      m.dispose();
    });

    it('a sine at a bin centre peaks in that bin with magnitude win/4 (Hann)', () => {
      const win = 64;
      const n = 512;
      const xs = new Float32Array(n).map((_, i) => Math.sin((2 * Math.PI * 5 * i) / win));
      const stft = new Stft({ windowLength: win });
      const mag = tf.tidy(() => stft.magnitude(tf.tensor2d(xs, [1, n])));
      const frame = (mag.arraySync() as number[][][])[0][8];
      expect(frame.indexOf(Math.max(...frame))).toBe(5);
      expect(frame[5]).toBeCloseTo(win / 4, 3);
      mag.dispose();
      stft.dispose();
    });

    it('magnitude gradient matches float64 finite differences and is finite at silence', () => {
      const stft = new Stft({ windowLength: 16 });
      const xs = noise(40, 3, 0.5);
      const f = (t: tf.Tensor) => tf.sum(stft.magnitude(t)) as tf.Scalar;
      const ref = (x: Float64Array) => referenceMagnitude(x, 16, 4).flat().reduce((a, b) => a + b, 0);
      const [a, num] = directionalDerivative(f, ref, xs, [1, 40], noise(40, 11));
      expect(Math.abs(a - num)).toBeLessThan(1e-3 * Math.max(1, Math.abs(num)));
      const z = tf.zeros([1, 40]);
      const g = tf.grad(f)(z);
      expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([z, g]);
      stft.dispose();
    });
  });
}
