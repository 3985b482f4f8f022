import { describe, expect, it } from 'vitest';
import { AudioError } from '../errors.js';
import { noise, sine } from '../testing/signals.js';
import { kWeightingHighpass, kWeightingShelf } from './k-weighting.js';
import { loudnessLufs } from './lufs.js';

const dbfs = (d: number) => 10 ** (d / 20);

function concat(...xs: Float32Array[]): Float32Array {
  const out = new Float32Array(xs.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of xs) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

describe('loudnessLufs (ITU-R BS.1770-4)', () => {
  it('K-weighting at 48 kHz equals the coefficients tabulated in BS.1770-4', () => {
    const s = kWeightingShelf(48000);
    const h = kWeightingHighpass(48000);
    const table = {
      shelf: [1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585],
      highpass: [1, -2, 1, -1.99004745483398, 0.99007225036621],
    };
    for (const [i, v] of [s.b0, s.b1, s.b2, s.a1, s.a2].entries()) expect(v).toBeCloseTo(table.shelf[i], 8);
    for (const [i, v] of [h.b0, h.b1, h.b2, h.a1, h.a2].entries()) expect(v).toBeCloseTo(table.highpass[i], 8);
  });

  it('a 0 dBFS-peak 997 Hz sine reads −3.01 LUFS', () => {
    expect(loudnessLufs(sine(48000 * 5, 997, 48000), 48000)).toBeCloseTo(-3.01, 2);
  });

  it('a −20 dBFS 1 kHz sine reads −23.0 LUFS at every sample rate', () => {
    for (const rate of [16000, 24000, 44100, 48000]) {
      const l = loudnessLufs(sine(rate * 3, 1000, rate, dbfs(-20)), rate);
      expect(Math.abs(l - -23.0)).toBeLessThan(0.05);
    }
  });

  it('scales with gain: +6.02 dB of gain is +6.02 LU', () => {
    const x = noise(24000 * 3, 0.1, 3);
    const y = x.map((v) => v * 2);
    expect(loudnessLufs(y, 24000) - loudnessLufs(x, 24000)).toBeCloseTo(20 * Math.log10(2), 3);
  });

  it('absolute gate: silent blocks drop out, blocks straddling the edge stay', () => {
    const tone = sine(48000 * 4, 1000, 48000, dbfs(-20));
    const l = loudnessLufs(tone, 48000);
    // 4 s tone + 6 s silence: 37 tone-only blocks, 3 edge blocks holding 3/4, 2/4 and 1/4 of the
    // tone's energy (all above both gates), 57 silent blocks (below −70 LUFS, dropped).
    const expected = l + 10 * Math.log10((37 + 0.75 + 0.5 + 0.25) / 40);
    expect(loudnessLufs(concat(tone, new Float32Array(48000 * 6)), 48000)).toBeCloseTo(expected, 3);
  });

  it('relative gate: a part 20 dB quieter is gated out (ungated it would read ~3 LU lower)', () => {
    const loud = sine(48000 * 5, 1000, 48000, dbfs(-20));
    const quiet = sine(48000 * 5, 1000, 48000, dbfs(-40));
    const l = loudnessLufs(concat(loud, quiet), 48000);
    // Blocks: 47 loud (energy E), 3 edge (3/4, 2/4, 1/4 of E plus the rest of q = E/100), 47 quiet (q).
    // Ungated mean ≈ 0.505·E, so the relative gate sits ~13 dB below the loud part: the quiet blocks
    // (−20 dB) are dropped, the edge blocks (≥ −5.9 dB) are kept.
    const q = 0.01;
    const edges = [0.75 + 0.25 * q, 0.5 + 0.5 * q, 0.25 + 0.75 * q];
    const expected = loudnessLufs(loud, 48000) + 10 * Math.log10((47 + edges[0] + edges[1] + edges[2]) / 50);
    expect(l).toBeCloseTo(expected, 3);
    const ungated = loudnessLufs(loud, 48000) + 10 * Math.log10((47 + edges.reduce((a, b) => a + b) + 47 * q) / 97);
    expect(l - ungated).toBeGreaterThan(2.8);
    // Both parts within 10 LU of each other are both kept: the mean energy is measured.
    const mid = sine(48000 * 5, 1000, 48000, dbfs(-26));
    const both = loudnessLufs(concat(loud, mid), 48000);
    // Edge blocks average out here: 97 blocks whose mean energy is exactly the mean of the two parts.
    const mean = loudnessLufs(loud, 48000) + 10 * Math.log10((1 + dbfs(-6) ** 2) / 2);
    expect(both).toBeCloseTo(mean, 3);
  });

  it('silence and near-silence give -Infinity; short signals are padded to one 400 ms block', () => {
    expect(loudnessLufs(new Float32Array(48000), 48000)).toBe(Number.NEGATIVE_INFINITY);
    expect(loudnessLufs(new Float32Array(0), 48000)).toBe(Number.NEGATIVE_INFINITY);
    expect(loudnessLufs(noise(48000, dbfs(-90), 4), 48000)).toBe(Number.NEGATIVE_INFINITY);
    const short = loudnessLufs(sine(4800 * 2, 1000, 48000, dbfs(-20)), 48000); // 200 ms
    expect(Math.abs(short - (-23.0 + 10 * Math.log10(0.5)))).toBeLessThan(0.1);
  });

  it('rejects NaN and bad sample rates', () => {
    expect(() => loudnessLufs(new Float32Array([0, Number.NaN, 0]), 48000)).toThrowError(AudioError);
    expect(() => loudnessLufs(new Float32Array(10), 0)).toThrow(/Sample rate/);
  });
});
