import { describe, expect, it } from 'vitest';
import { DAC_MEL_SCALES, melDistance } from './mel-distance.js';
import { noise } from './test-signals.js';

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
