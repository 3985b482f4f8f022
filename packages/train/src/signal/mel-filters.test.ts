import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hzToMel, melFilterBank, melFilterBankTransposed, melToHz } from './mel-filters.js';

interface Fixture {
  cases: Array<{ sampleRate: number; nFft: number; nMels: number; rowSums: number[]; values: Array<[number, number, number]> }>;
}
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'mel-librosa.json'), 'utf8'),
) as Fixture;

describe('Slaney mel scale', () => {
  it('is linear (3 mel per 200 Hz) below 1 kHz and logarithmic (27 mel per factor 6.4) above', () => {
    expect(hzToMel(200)).toBeCloseTo(3, 12);
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(6400)).toBeCloseTo(42, 10);
    for (const hz of [0, 123.4, 999, 1000, 4410, 22050]) expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 8);
  });
});

describe('melFilterBank', () => {
  it('matches the librosa-path numpy fixture to float32 precision', () => {
    for (const c of fixture.cases) {
      const fb = melFilterBank({ sampleRate: c.sampleRate, nFft: c.nFft, nMels: c.nMels });
      const nBins = c.nFft / 2 + 1;
      for (const [i, k, v] of c.values) expect(fb[i * nBins + k]).toBeCloseTo(v, 9);
      for (let i = 0; i < c.nMels; i++) {
        let s = 0;
        for (let k = 0; k < nBins; k++) s += fb[i * nBins + k];
        expect(Math.abs(s - c.rowSums[i])).toBeLessThan(1e-6 * Math.max(1, c.rowSums[i]));
      }
    }
  });

  it('re-derived: each filter is a triangle peaking at its mel centre with area 1 (Slaney norm)', () => {
    const sr = 44100;
    const nFft = 8192;
    const nMels = 40;
    const fb = melFilterBank({ sampleRate: sr, nFft, nMels });
    const nBins = nFft / 2 + 1;
    const df = sr / nFft;
    const maxMel = hzToMel(sr / 2);
    for (let i = 0; i < nMels; i++) {
      const lo = melToHz((i * maxMel) / (nMels + 1));
      const centre = melToHz(((i + 1) * maxMel) / (nMels + 1));
      const hi = melToHz(((i + 2) * maxMel) / (nMels + 1));
      // value at an arbitrary bin on the rising edge, from the triangle's definition
      const k = Math.ceil((lo + 0.4 * (centre - lo)) / df);
      const expected = (((k * df - lo) / (centre - lo)) * 2) / (hi - lo);
      expect(fb[i * nBins + k]).toBeCloseTo(expected, 7);
      // area under the filter (Hz × weight) ≈ 1 for filters many bins wide
      let area = 0;
      for (let b = 0; b < nBins; b++) area += fb[i * nBins + b] * df;
      if (hi - lo > 20 * df) expect(area).toBeCloseTo(1, 2);
      // zero outside (lo, hi)
      expect(fb[i * nBins + Math.floor(lo / df)]).toBe(0);
      if (Math.ceil(hi / df) < nBins) expect(fb[i * nBins + Math.ceil(hi / df)]).toBe(0);
    }
  });

  it('transposed layout holds the same numbers', () => {
    const o = { sampleRate: 16000, nFft: 64, nMels: 10 };
    const a = melFilterBank(o);
    const t = melFilterBankTransposed(o);
    for (let i = 0; i < 10; i++) for (let k = 0; k < 33; k++) expect(t[k * 10 + i]).toBe(a[i * 33 + k]);
  });
});
