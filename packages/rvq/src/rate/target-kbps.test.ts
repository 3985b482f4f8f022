import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { importanceToCounts } from '../mask/importance-to-mask.js';
import { Rng } from '../nn/rng.js';
import { describeBackends, values } from '../testing/backends.js';
import { clipKbps, constantRateKbps } from './bits.js';
import { countsFromImportance } from './counts.js';
import { levelForTargetKbps } from './target-kbps.js';

const CFG = { nCodebooks: 8, codebookSize: 1024, sampleRate: 44100, hop: 512 };
const NQ = CFG.nCodebooks;

function randomMap(rng: Rng, t: number, kind: number): Float32Array {
  const p = new Float32Array(t);
  for (let i = 0; i < t; i++) {
    const u = rng.next();
    p[i] = kind === 0 ? u : kind === 1 ? u ** 3 : i % 7 === 0 ? 0 : 0.05 + 0.9 * u * u; // with silent (p = 0) frames
  }
  return p;
}

/** Every rate this clip can reach (brute force over the ℓ-breakpoints k / (Nq·p[t])). */
function achievableRates(p: Float32Array): number[] {
  const bps: number[] = [0];
  for (const v of p) if (v > 0) for (let k = 1; k < NQ; k++) bps.push(k / (NQ * v));
  bps.sort((a, b) => a - b);
  const probes = bps.map((b, i) => (i + 1 < bps.length ? 0.5 * (b + bps[i + 1]) : 2 * b + 1));
  return [...new Set(probes.map((l) => clipKbps(countsFromImportance(p, l, NQ), CFG, 'vbr')))];
}

it('lands within 2 % of the request, or on the nearest achievable rate with the right status', () => {
  const rng = new Rng(123);
  let ok = 0;
  let total = 0;
  for (const t of [12, 60, 500]) {
    for (const kind of [0, 1, 2]) {
      const p = randomMap(rng, t, kind);
      const rates = achievableRates(p);
      const floor = Math.min(...rates);
      const max = Math.max(...rates);
      for (let j = 0; j < 12; j++) {
        const target = rng.uniform(0.5 * floor, 1.2 * max);
        const res = levelForTargetKbps(p, target, CFG);
        total++;
        const best = rates.reduce((a, r) => (Math.abs(r - target) < Math.abs(a - target) ? r : a));
        // the result is consistent: counts are those of its level, kbps those of its counts
        expect(Array.from(res.counts)).toEqual(Array.from(countsFromImportance(p, res.level, NQ)));
        expect(res.kbps).toBe(clipKbps(res.counts, CFG, 'vbr'));
        // never farther than the nearest achievable rate
        expect(Math.abs(res.kbps - target)).toBeLessThanOrEqual(Math.abs(best - target) + 1e-9);
        if (Math.abs(best - target) <= 0.02 * target) {
          expect(res.status).toBe('ok');
          ok++;
        } else {
          expect(res.status).toBe(target < floor ? 'below-floor' : target > max ? 'above-max' : 'nearest');
        }
        if (t >= 400 && target >= floor && target <= max) expect(res.status).toBe('ok');
      }
    }
  }
  expect(ok).toBeGreaterThan(total / 2);
});

it('the floor is one codebook per frame plus side info; the ceiling is all levels', () => {
  const p = Float32Array.from({ length: 200 }, (_, i) => 0.01 + (0.98 * i) / 199);
  const low = levelForTargetKbps(p, 0.1, CFG);
  expect(low.status).toBe('below-floor');
  expect(low.kbps).toBeCloseTo(constantRateKbps(1, CFG, 'vbr'), 10);
  expect(low.counts.every((n) => n === 1)).toBe(true);
  const high = levelForTargetKbps(p, 100, CFG);
  expect(high.status).toBe('above-max');
  expect(high.kbps).toBeCloseTo(constantRateKbps(8, CFG, 'vbr'), 10);
  const mid = levelForTargetKbps(p, 3.5, CFG);
  expect(mid.status).toBe('ok');
  expect(Math.abs(mid.kbps - 3.5) / 3.5).toBeLessThanOrEqual(0.02);
  expect(() => levelForTargetKbps(new Float32Array(0), 3, CFG)).toThrow(/empty/);
  expect(() => levelForTargetKbps(Float32Array.from([0.5, Number.NaN]), 3, CFG)).toThrow(/p\[1\]/);
});

describeBackends('target bitrate', () => {
  it('the tensor mask at the returned ℓ reproduces the returned counts', () => {
    const rng = new Rng(9);
    for (const kind of [0, 1, 2]) {
      const p = randomMap(rng, 300, kind);
      for (const target of [1.5, 2.7, 4.1, 6]) {
        const res = levelForTargetKbps(p, target, CFG);
        const pt = tf.tensor3d(p, [1, 300, 1]);
        const c = importanceToCounts(pt, res.level, NQ);
        expect(values(c)).toEqual(Array.from(res.counts));
        tf.dispose([pt, c]);
      }
    }
  });
});
