import { describe, expect, it } from 'vitest';
import { noise, sine } from '../testing/signals.js';
import { siSdr } from './si-sdr.js';

describe('siSdr', () => {
  const r = sine(4800, 440, 24000, 0.5);

  it('ignores gain and DC offset of the estimate', () => {
    const e = r.map((v) => 3 * v + 0.2);
    expect(siSdr(e, r)).toBeGreaterThan(70);
  });

  it('equals 10·log10(‖ref‖²/‖noise‖²) for zero-mean noise orthogonal to the reference', () => {
    const v = noise(r.length, 0.1, 9);
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
    expect(siSdr(e, r)).toBeCloseTo(10 * Math.log10(rr / nn), 2);
  });

  it('reads 0 dB for estimate = reference + an orthogonal signal of equal energy', () => {
    // sin and cos over whole periods: zero-mean, orthogonal, equal energy
    const n = 2400;
    const s = Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 10 * i) / n));
    const e = Float64Array.from({ length: n }, (_, i) => s[i] + Math.cos((2 * Math.PI * 10 * i) / n));
    expect(siSdr(e, s)).toBeCloseTo(0, 6); // ε moves it by ~1e-7 dB
    // half the distortion amplitude: +6.02 dB
    const e2 = Float64Array.from({ length: n }, (_, i) => s[i] + 0.5 * Math.cos((2 * Math.PI * 10 * i) / n));
    expect(siSdr(e2, s)).toBeCloseTo(10 * Math.log10(4), 6);
  });

  it('is the same for a scaled reference, and −80 dB (the ε floor) for an estimate orthogonal to it', () => {
    const e = noise(r.length, 0.3, 4);
    const scaled = r.map((v) => 7 * v);
    expect(siSdr(e, scaled)).toBeCloseTo(siSdr(e, r), 6);
    const n = 2400;
    const s = Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 10 * i) / n));
    const c = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 10 * i) / n));
    expect(siSdr(c, s)).toBeCloseTo(-80, 6);
  });

  it('uses the common length and reads the −80 dB floor without samples', () => {
    const e = noise(r.length + 100, 0.2, 5);
    const head = e.subarray(0, r.length);
    expect(siSdr(e, r)).toBe(siSdr(head, r));
    expect(siSdr(new Float32Array(0), r)).toBe(-80);
  });
});
