import { describe, expect, it } from 'vitest';
import { AudioError } from '../errors.js';
import { noise } from '../testing/signals.js';
import { Fft, fftOfSize } from './fft.js';

/** The DFT by its definition, in float64 (inverse: + sign in the exponent and 1/N). */
function directDft(re: Float64Array, im: Float64Array, inverse = false): [Float64Array, Float64Array] {
  const n = re.length;
  const sign = inverse ? 1 : -1;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (sign * 2 * Math.PI * ((k * t) % n)) / n;
      outRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
      outIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
    }
    if (inverse) {
      outRe[k] /= n;
      outIm[k] /= n;
    }
  }
  return [outRe, outIm];
}

const SIZES = [1, 2, 4, 8, 16, 32, 64, 256, 1024];

describe('Fft', () => {
  it('equals the direct DFT of complex input, sizes 1…1024', () => {
    for (const n of SIZES) {
      const re = Float64Array.from(noise(n, 1, n));
      const im = Float64Array.from(noise(n, 1, n + 7));
      const [er, ei] = directDft(re, im);
      fftOfSize(n).transform(re, im);
      for (let k = 0; k < n; k++) {
        expect(Math.abs(re[k] - er[k]), `n ${n} re[${k}]`).toBeLessThan(1e-10 * Math.sqrt(n));
        expect(Math.abs(im[k] - ei[k]), `n ${n} im[${k}]`).toBeLessThan(1e-10 * Math.sqrt(n));
      }
    }
  });

  it('equals the direct DFT of a real signal (the case the eval script and augmentation use)', () => {
    const n = 64;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) + ((i * 37) % 11) / 10);
    const re = x.slice();
    const im = new Float64Array(n);
    new Fft(n).transform(re, im);
    const [er, ei] = directDft(x, new Float64Array(n));
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(er[k], 9);
      expect(im[k]).toBeCloseTo(ei[k], 9);
      // a real signal has a conjugate-symmetric spectrum
      expect(re[(n - k) % n]).toBeCloseTo(re[k], 9);
      expect(im[(n - k) % n]).toBeCloseTo(-im[k], 9);
    }
  });

  it('inverse equals the direct inverse DFT (with 1/N)', () => {
    for (const n of [1, 2, 8, 128]) {
      const re = Float64Array.from(noise(n, 1, 3 * n));
      const im = Float64Array.from(noise(n, 1, 3 * n + 1));
      const [er, ei] = directDft(re, im, true);
      fftOfSize(n).transform(re, im, true);
      for (let k = 0; k < n; k++) {
        expect(re[k]).toBeCloseTo(er[k], 12);
        expect(im[k]).toBeCloseTo(ei[k], 12);
      }
    }
  });

  it('inverse after forward gives the input back', () => {
    for (const n of [2, 16, 4096]) {
      const x = Float64Array.from(noise(n, 1, 11));
      const y = Float64Array.from(noise(n, 1, 12));
      const re = x.slice();
      const im = y.slice();
      const f = fftOfSize(n);
      f.transform(re, im);
      f.transform(re, im, true);
      for (let i = 0; i < n; i++) {
        expect(Math.abs(re[i] - x[i])).toBeLessThan(1e-13);
        expect(Math.abs(im[i] - y[i])).toBeLessThan(1e-13);
      }
    }
  });

  it('keeps energy (Parseval) on 4096 points', () => {
    const n = 4096;
    const x = noise(n, 0.5, 3);
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    let e = 0;
    for (const v of x) e += v * v;
    new Fft(n).transform(re, im);
    let f = 0;
    for (let k = 0; k < n; k++) f += re[k] * re[k] + im[k] * im[k];
    expect(f / n).toBeCloseTo(e, 8);
  });

  it('puts a cosine on its bin: cos(2π·5t/N) → N/2 at bins 5 and N − 5', () => {
    const n = 32;
    const re = Float64Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * 5 * t) / n));
    const im = new Float64Array(n);
    fftOfSize(n).transform(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(k === 5 || k === n - 5 ? n / 2 : 0, 10);
      expect(im[k]).toBeCloseTo(0, 10);
    }
  });

  it('rejects sizes that are not powers of two with AudioError(invalid_argument)', () => {
    for (const bad of [0, -4, 6, 12, 2.5, Number.NaN, 2 ** 31]) {
      expect(() => new Fft(bad), String(bad)).toThrow(AudioError);
      expect(() => fftOfSize(bad), String(bad)).toThrow(/power of two/);
    }
    try {
      new Fft(12);
    } catch (e) {
      expect((e as AudioError).code).toBe('invalid_argument');
      expect((e as AudioError).message).toBe('FFT size must be a power of two from 1 to 2^30, got 12.');
    }
  });

  it('rejects arrays of the wrong length', () => {
    const f = fftOfSize(8);
    expect(() => f.transform(new Float64Array(8), new Float64Array(4))).toThrow(AudioError);
    expect(() => f.transform(new Float64Array(16), new Float64Array(16))).toThrow(/size 8 needs arrays of that length, got 16 and 16/);
  });

  it('fftOfSize shares one instance per size and stays correct after evictions', () => {
    const a = fftOfSize(64);
    expect(fftOfSize(64)).toBe(a);
    for (let b = 1; b <= 12; b++) fftOfSize(2 ** b); // more sizes than the cache keeps
    const c = fftOfSize(64);
    expect(c.size).toBe(64);
    expect(fftOfSize(64)).toBe(c);
  });
});
