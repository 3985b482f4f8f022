import { describe, expect, it } from 'vitest';
import { applyMel, hzToMel, melFilters, melToHz } from './mel-bank.js';

describe('Slaney mel scale', () => {
  it('is linear below 1 kHz (3 mel / 200 Hz) and logarithmic above (27 mel per factor 6.4)', () => {
    expect(hzToMel(200)).toBeCloseTo(3, 12);
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(6400)).toBeCloseTo(42, 10);
    for (const hz of [0, 50, 999.9, 1000, 3000, 12000]) expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 8);
  });
});

describe('melFilters', () => {
  const sr = 24000;
  const nFft = 4096;
  const nMels = 40;
  const bank = melFilters(sr, nFft, nMels);
  const df = sr / nFft;
  const top = hzToMel(sr / 2);
  const edge = (i: number) => melToHz((i * top) / (nMels + 1));

  it('has triangles between consecutive mel points, height 2 / width (Slaney norm)', () => {
    for (let m = 0; m < nMels; m++) {
      const [f0, f1, f2] = [edge(m), edge(m + 1), edge(m + 2)];
      const k = Math.ceil((f0 + 0.3 * (f1 - f0)) / df); // a bin on the rising edge
      const { start, weights } = bank[m];
      const expected = (((k * df - f0) / (f1 - f0)) * 2) / (f2 - f0);
      expect(weights[k - start]).toBeCloseTo(expected, 12);
      expect(start * df).toBeGreaterThan(f0);
      expect((start + weights.length - 1) * df).toBeLessThan(f2);
      let area = 0;
      for (const v of weights) area += v * df;
      if (f2 - f0 > 30 * df) expect(area).toBeCloseTo(1, 2);
    }
  });

  it('applies as a sparse matrix product', () => {
    const mag = Float64Array.from({ length: nFft / 2 + 1 }, (_, k) => 1 + (k % 5));
    const out = new Float64Array(nMels);
    applyMel(bank, mag, out);
    for (const m of [0, 13, 39]) {
      let s = 0;
      bank[m].weights.forEach((w, i) => {
        s += w * mag[bank[m].start + i];
      });
      expect(out[m]).toBe(s);
      expect(out[m]).toBeGreaterThan(0);
    }
  });
});
