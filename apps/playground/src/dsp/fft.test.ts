import { describe, expect, it } from 'vitest';
import { Fft, fftOfSize } from './fft.js';
import { noise } from './test-signals.js';

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * k * t) / n;
      outRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
      outIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
    }
  }
  return [outRe, outIm];
}

describe('Fft', () => {
  it('equals the direct DFT for sizes 1…256', () => {
    for (const n of [1, 2, 4, 8, 32, 256]) {
      const re = Float64Array.from(noise(n, n));
      const im = Float64Array.from(noise(n, n + 7));
      const [er, ei] = naiveDft(re, im);
      fftOfSize(n).transform(re, im);
      for (let k = 0; k < n; k++) {
        expect(re[k]).toBeCloseTo(er[k], 9);
        expect(im[k]).toBeCloseTo(ei[k], 9);
      }
    }
  });

  it('keeps energy (Parseval) on 4096 points', () => {
    const n = 4096;
    const x = noise(n, 3);
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    let e = 0;
    for (const v of x) e += v * v;
    new Fft(n).transform(re, im);
    let f = 0;
    for (let k = 0; k < n; k++) f += re[k] * re[k] + im[k] * im[k];
    expect(f / n).toBeCloseTo(e, 8);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new Fft(12)).toThrow(/power of two/);
  });
});
