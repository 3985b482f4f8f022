import { describe, expect, it } from 'vitest';
import { DAC_MEL_SCALES, melDistance } from './mel-distance.js';
import { siSdr } from './si-sdr.js';
import { noise, sine } from './test-signals.js';

describe('melDistance (DAC 7-scale log-mel L1)', () => {
  const sr = 24000;
  const x = noise(6000, 5, 0.3);

  it('is 0 (to rounding) for identical signals and symmetric', () => {
    const y = noise(6000, 6, 0.3);
    expect(melDistance(x, x, sr)).toBeLessThan(1e-9);
    expect(melDistance(x, y, sr)).toBeCloseTo(melDistance(y, x, sr), 10);
    expect(melDistance(x, y, sr)).toBeGreaterThan(0.1);
  });

  it('reads log10(2) per scale for a 6 dB gain (mel energies all above the clamp)', () => {
    const y = x.map((v) => 2 * v);
    expect(melDistance(x, y, sr)).toBeCloseTo(DAC_MEL_SCALES.length * Math.log10(2), 6);
    expect(melDistance(x, y, sr, { scales: [[512, 80]] })).toBeCloseTo(Math.log10(2), 6);
  });

  it('reports progress per scale and uses the common length', () => {
    const seen: number[] = [];
    const d = melDistance(x, x.subarray(0, 5000), sr, { onScale: (i) => seen.push(i) });
    expect(d).toBeLessThan(1e-9);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('siSdr', () => {
  const r = sine(4800, 440, 24000, 0.5);

  it('ignores gain and DC offset of the estimate', () => {
    const e = r.map((v) => 3 * v + 0.2);
    expect(siSdr(r, e)).toBeGreaterThan(70);
  });

  it('equals 10·log10(‖ref‖²/‖noise‖²) for noise orthogonal to the reference', () => {
    const v = noise(r.length, 9, 0.1);
    // make v zero-mean and orthogonal to the (zero-mean) reference
    let mr = 0;
    let mv = 0;
    for (let i = 0; i < r.length; i++) {
      mr += r[i] / r.length;
      mv += v[i] / r.length;
    }
    let dot = 0;
    let rr = 0;
    for (let i = 0; i < r.length; i++) {
      dot += (v[i] - mv) * (r[i] - mr);
      rr += (r[i] - mr) ** 2;
    }
    const n = Float64Array.from(v, (x, i) => x - mv - (dot / rr) * (r[i] - mr));
    const e = Float32Array.from(r, (x, i) => x + n[i]);
    let nn = 0;
    for (const x of n) nn += x * x;
    expect(siSdr(r, e)).toBeCloseTo(10 * Math.log10(rr / nn), 2);
  });
});
