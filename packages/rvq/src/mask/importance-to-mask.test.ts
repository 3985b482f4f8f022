import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Rng } from '../nn/rng.js';
import { countsFromImportance } from '../rate/counts.js';
import { describeBackends, values } from '../testing/backends.js';
import { hardMask, importanceToCounts, importanceToMask } from './importance-to-mask.js';
import { logCoshSurrogateDerivative } from './surrogate.js';
import type { SurrogateKind } from './surrogate.js';

const NQ = 8;
// The definition, on float32 numbers: m_k = H(s − k), H(x) = 1 iff x ≥ 0, levels 0-based.
const H = (x: number) => (x >= 0 ? 1 : 0);

function randomP(rng: Rng, b: number, t: number): Float32Array {
  const p = new Float32Array(b * t);
  for (let i = 0; i < p.length; i++) p[i] = rng.next();
  return p;
}

describeBackends('importance → mask', () => {
  it('hardMask equals H(s − k) on random s including exact integer ties', () => {
    const rng = new Rng(1);
    const b = 3;
    const t = 40;
    const s = new Float32Array(b * t);
    for (let i = 0; i < s.length; i++) {
      // a third exact integers 0…9 (ties), the rest random in (−0.5, 10), a few just below integers
      const r = rng.next();
      s[i] = r < 0.33 ? rng.int(10) : r < 0.4 ? Math.fround(rng.int(9) + 1 - 1e-6) : rng.uniform(-0.5, 10);
    }
    const sT = tf.tensor3d(s, [b, t, 1]);
    const before = tf.memory().numTensors;
    const m = hardMask(sT, NQ);
    expect(m.shape).toEqual([b, t, NQ]);
    const mv = values(m);
    for (let i = 0; i < b * t; i++) {
      for (let k = 0; k < NQ; k++) expect(mv[i * NQ + k]).toBe(H(s[i] - k));
    }
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    sT.dispose();
  });

  it('ties at s = k turn level k on: p = 0.5, ℓ = 1 → s = 4 → 5 levels; p → 0 keeps level 0', () => {
    const p = tf.tensor3d([0.5, 0.25, 1e-9, 0.875, 1], [1, 5, 1]);
    const m = importanceToMask(p, 1, NQ);
    const counts = tf.sum(m, 2);
    expect(values(counts)).toEqual([5, 3, 1, 8, 8]);
    tf.dispose([p, m, counts]);
  });

  for (const estimator of ['logcosh', 'ramp', 'sigmoid'] as SurrogateKind[]) {
    it(`${estimator}: the straight-through forward equals the hard mask exactly (per-item ℓ)`, () => {
      const rng = new Rng(2);
      const b = 4;
      const t = 64;
      const p = randomP(rng, b, t);
      // exact ties: ℓ·Nq·p integer for some frames
      p[0] = 0.5;
      p[1] = 0.25;
      p[2] = 0.125;
      const levels = [1, 0.125, 2.5, 6];
      const pT = tf.tensor3d(p, [b, t, 1]);
      const before = tf.memory().numTensors;
      const m = importanceToMask(pT, levels, NQ, { estimator, alpha: 2 });
      const mv = values(m);
      for (let i = 0; i < b; i++) {
        const scale = Math.fround(levels[i] * NQ);
        for (let j = 0; j < t; j++) {
          const s = Math.fround(scale * p[i * t + j]);
          for (let k = 0; k < NQ; k++) expect(mv[(i * t + j) * NQ + k]).toBe(H(s - k));
        }
      }
      // plain-array counts and tensor counts agree with the mask
      const countsT = importanceToCounts(pT, levels, NQ);
      const cv = values(countsT);
      for (let i = 0; i < b; i++) {
        const c = countsFromImportance(p.subarray(i * t, (i + 1) * t), levels[i], NQ);
        for (let j = 0; j < t; j++) {
          let n = 0;
          for (let k = 0; k < NQ; k++) n += mv[(i * t + j) * NQ + k];
          expect(cv[i * t + j]).toBe(n);
          expect(c[j]).toBe(n);
        }
      }
      tf.dispose([m, countsT]);
      expect(tf.memory().numTensors).toBe(before);
      pT.dispose();
    });
  }

  it('logcosh: gradient into p is Σ_k w_k · ℓ·Nq · f′_α(ℓ·Nq·p − k) (closed form)', () => {
    const rng = new Rng(3);
    const b = 2;
    const t = 16;
    const alpha = 2;
    const levels = [0.75, 3];
    const p = randomP(rng, b, t);
    const w = Float32Array.from({ length: b * t * NQ }, () => rng.normal());
    const pT = tf.tensor3d(p, [b, t, 1]);
    const wT = tf.tensor3d(w, [b, t, NQ]);
    const before = tf.memory().numTensors;
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(wT, importanceToMask(x as tf.Tensor3D, levels, NQ, { alpha }))))(pT);
    const gv = values(g);
    for (let i = 0; i < b; i++) {
      const scale = levels[i] * NQ;
      for (let j = 0; j < t; j++) {
        let expected = 0;
        for (let k = 0; k < NQ; k++) expected += w[(i * t + j) * NQ + k] * scale * logCoshSurrogateDerivative(scale * p[i * t + j] - k, alpha);
        expect(Math.abs(gv[i * t + j] - expected)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected)));
      }
    }
    expect(gv.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([pT, wT]);
  });

  it('ramp: only the last active level k = ⌊s⌋ passes gradient (ℓ·Nq per unit weight)', () => {
    const p = tf.tensor3d([0.3, 0.55, 0.95], [1, 3, 1]); // s = 2.4, 4.4, 7.6 at ℓ = 1
    const perLevel = Array.from({ length: NQ }, (_, k) => 10 ** k);
    const w = tf.tensor3d(Array.from({ length: 3 }, () => perLevel).flat(), [1, 3, NQ]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(w, importanceToMask(x as tf.Tensor3D, 1, NQ, { estimator: 'ramp' }))))(p);
    const gv = values(g);
    expect(gv[0]).toBeCloseTo(8 * 1e2, 2);
    expect(gv[1]).toBeCloseTo(8 * 1e4, 0);
    expect(gv[2]).toBeCloseTo(8 * 1e7, -3);
    tf.dispose([p, w, g]);
  });

  it('rejects bad shapes and levels', () => {
    const bad = tf.zeros([2, 3]) as unknown as tf.Tensor3D;
    const p = tf.zeros([2, 3, 1]) as tf.Tensor3D;
    expect(() => importanceToMask(bad, 1, NQ)).toThrow(/\[B, T, 1\]/);
    expect(() => importanceToMask(p, [1], NQ)).toThrow(/one per item/);
    expect(() => importanceToMask(p, -1, NQ)).toThrow(/level/);
    tf.dispose([bad, p]);
  });
});
