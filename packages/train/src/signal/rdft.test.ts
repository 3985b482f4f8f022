import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noise, useBackend } from '../testing/backends.js';
import { referenceStft } from '../testing/reference-stft.js';
import { ConstMatMul } from './const-matmul.js';
import { windowedDftBasis } from './dft-basis.js';
import { WindowedRdft } from './rdft.js';
import { rdftAvailable, rdftFrames } from './rdft-op.js';
import { Stft } from './stft.js';

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** frames · B and dspec · Bᵀ in float64 from the basis itself. */
function reference(win: number, frames: Float32Array, dspec: Float32Array, rows: number) {
  const basis = windowedDftBasis(win);
  const k2 = basis.length / win;
  const spec = new Float64Array(rows * k2);
  const back = new Float64Array(rows * win);
  for (let r = 0; r < rows; r++)
    for (let n = 0; n < win; n++)
      for (let c = 0; c < k2; c++) {
        spec[r * k2 + c] += frames[r * win + n] * basis[n * k2 + c];
        back[r * win + n] += dspec[r * k2 + c] * basis[n * k2 + c];
      }
  return { spec, back };
}

describe('WindowedRdft (float64 FFT)', () => {
  it.each([
    [2, 1],
    [8, 3],
    [32, 4],
    [256, 5],
  ])('forward and adjoint equal the basis products (win %i, %i rows)', (win, rows) => {
    const p = new WindowedRdft(win);
    const frames = noise(rows * win, win + rows);
    const dspec = noise(rows * 2 * p.bins, 3 * win + rows);
    const ref = reference(win, frames, dspec, rows);
    const spec = new Float32Array(rows * 2 * p.bins);
    const back = new Float32Array(rows * win);
    p.forward(frames, rows, spec);
    p.adjoint(dspec, rows, back);
    expect(maxDiff(spec, ref.spec)).toBeLessThan(1e-6 * Math.max(1, maxAbs(ref.spec)));
    expect(maxDiff(back, ref.back)).toBeLessThan(1e-6 * Math.max(1, maxAbs(ref.back)));
  });

  it('rejects a window that is not a power of two', () => {
    expect(() => new WindowedRdft(24)).toThrow(/power-of-two/);
  });
});

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`rdftFrames on ${backend}`, () => {
    beforeAll(async () => {
      await useBackend(backend);
    });
    afterAll(() => {
      tf.disposeVariables();
    });

    it.each([
      [64, 7],
      [512, 4],
    ])('value and gradient equal the matMul against the basis (win %i, %i rows)', (win, rows) => {
      expect(rdftAvailable(win)).toBe(true);
      const m = new ConstMatMul(windowedDftBasis(win), win, win + 2);
      const x = tf.tensor2d(noise(rows * win, 5), [rows, win]);
      const r = tf.tensor2d(noise(rows * (win + 2), 6), [rows, win + 2]);
      const before = tf.memory().numTensors;
      const loss = (f: (t: tf.Tensor2D) => tf.Tensor2D) => (t: tf.Tensor) => tf.sum(tf.mul(f(t as tf.Tensor2D), r));
      const a = tf.valueAndGrad(loss(rdftFrames))(x);
      const b = tf.valueAndGrad(loss((t) => m.apply(t)))(x);
      const ya = tf.tidy(() => rdftFrames(x));
      const yb = tf.tidy(() => m.apply(x));
      expect(ya.shape).toEqual([rows, win + 2]);
      const scale = Math.max(1, maxAbs(yb.dataSync()));
      expect(maxDiff(ya.dataSync(), yb.dataSync())).toBeLessThan(2e-5 * scale);
      expect(maxDiff(a.grad.dataSync(), b.grad.dataSync())).toBeLessThan(2e-5 * Math.max(1, maxAbs(b.grad.dataSync())));
      tf.dispose([a.value, a.grad, b.value, b.grad, ya, yb]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, r]);
      m.dispose();
    });

    it('Stft falls back to the basis matMul for a window that is not a power of two', () => {
      expect(rdftAvailable(24)).toBe(false);
      const stft = new Stft({ windowLength: 24, hopLength: 6 });
      const n = 70;
      const xs = noise(n, 21);
      const x = tf.tensor2d(xs, [1, n]);
      const ref = referenceStft(xs, 24, 6, false);
      for (let pass = 0; pass < 2; pass++) {
        const before = tf.memory().numTensors;
        const { re, im } = stft.complex(x);
        const r = re.arraySync()[0];
        const m = im.arraySync()[0];
        for (let f = 0; f < ref.re.length; f++)
          for (let k = 0; k < 13; k++) {
            expect(r[f][k]).toBeCloseTo(ref.re[f][k], 4);
            expect(m[f][k]).toBeCloseTo(ref.im[f][k], 4);
          }
        tf.dispose([re, im]);
        // the basis (two tensors) is created on the first call and then reused
        expect(tf.memory().numTensors).toBe(before + (pass === 0 ? 2 : 0));
      }
      x.dispose();
      stft.dispose();
    });
  });
}
