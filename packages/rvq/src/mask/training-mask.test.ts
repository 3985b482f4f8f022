import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Rng } from '../nn/rng.js';
import { describeBackends, values } from '../testing/backends.js';
import { quantizerDropoutCounts, quantizerDropoutMask } from './dropout.js';
import { DEFAULT_LEVEL_SAMPLING, sampleLevels } from './levels.js';
import { cbrMask, countsToMask, itemPrefixMask, maskToCounts } from './prefix.js';
import { buildTrainingMask } from './training-mask.js';

const NQ = 8;

/** counts[b][t] of a 0/1 prefix mask, asserting it is a prefix. */
function prefixCounts(mask: tf.Tensor3D): number[][] {
  const [b, t, nq] = mask.shape;
  const v = values(mask);
  return Array.from({ length: b }, (_, i) =>
    Array.from({ length: t }, (_, j) => {
      const row = v.slice((i * t + j) * nq, (i * t + j + 1) * nq);
      const n = row.reduce((a, x) => a + x, 0);
      expect(row).toEqual(row.map((_, k) => (k < n ? 1 : 0)));
      return n;
    }),
  );
}

it('sampleLevels: in range, deterministic for a seed, uniform and log-uniform', () => {
  const a = sampleLevels(new Rng(7), 2000);
  expect(sampleLevels(new Rng(7), 2000)).toEqual(a);
  expect(sampleLevels(new Rng(8), 5)).not.toEqual(a.slice(0, 5));
  expect(Math.min(...a)).toBeGreaterThanOrEqual(DEFAULT_LEVEL_SAMPLING.min);
  expect(Math.max(...a)).toBeLessThan(DEFAULT_LEVEL_SAMPLING.max);
  const mean = a.reduce((x, y) => x + y, 0) / a.length;
  expect(mean).toBeGreaterThan(2.9);
  expect(mean).toBeLessThan(3.25); // (0.125 + 6)/2 = 3.06
  const lg = sampleLevels(new Rng(7), 2000, { distribution: 'loguniform', min: 0.1, max: 6 });
  const logMean = lg.reduce((x, y) => x + Math.log(y), 0) / lg.length;
  expect(logMean).toBeCloseTo((Math.log(0.1) + Math.log(6)) / 2, 1);
  expect(Math.min(...lg)).toBeGreaterThanOrEqual(0.1);
  expect(() => sampleLevels(new Rng(1), 3, { min: 0 })).toThrow(/0 < min/);
});

it('quantizerDropoutCounts: first ⌊B·rate⌋ items get U{1…Nq}, the rest Nq; seeded', () => {
  const c = quantizerDropoutCounts(10, NQ, 0.5, new Rng(3));
  expect(c.slice(5)).toEqual([NQ, NQ, NQ, NQ, NQ]);
  expect(quantizerDropoutCounts(10, NQ, 0.5, new Rng(3))).toEqual(c);
  const many = quantizerDropoutCounts(4000, NQ, 1, new Rng(4));
  const seen = new Set(many);
  expect([...seen].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  for (let n = 1; n <= NQ; n++) {
    const share = many.filter((x) => x === n).length / many.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.15);
  }
  expect(quantizerDropoutCounts(7, NQ, 0.5, new Rng(1)).slice(3)).toEqual([NQ, NQ, NQ, NQ]); // ⌊3.5⌋ = 3
});

describeBackends('masks', () => {
  it('prefix masks: counts ↔ mask round trip, CBR mask, dropout mask constant over frames', () => {
    const counts = tf.tensor2d([1, 8, 3, 0, 5, 2], [2, 3], 'int32');
    const before = tf.memory().numTensors;
    const m = countsToMask(counts, NQ);
    expect(prefixCounts(m)).toEqual([
      [1, 8, 3],
      [0, 5, 2],
    ]);
    const back = maskToCounts(m);
    expect(values(back)).toEqual([1, 8, 3, 0, 5, 2]);
    const cbr = cbrMask(2, 4, NQ, 3);
    expect(prefixCounts(cbr)).toEqual([
      [3, 3, 3, 3],
      [3, 3, 3, 3],
    ]);
    const items = itemPrefixMask([2, 9, -1], 2, NQ);
    expect(prefixCounts(items)).toEqual([
      [2, 2],
      [8, 8],
      [0, 0],
    ]);
    const drop = quantizerDropoutMask(6, 5, NQ, 0.5, new Rng(11));
    const expectedCounts = quantizerDropoutCounts(6, NQ, 0.5, new Rng(11));
    expect(prefixCounts(drop)).toEqual(expectedCounts.map((n) => new Array(5).fill(n)));
    tf.dispose([m, back, cbr, items, drop]);
    expect(tf.memory().numTensors).toBe(before);
    counts.dispose();
    expect(() => cbrMask(1, 1, NQ, 0)).toThrow(/1…8/);
  });

  it('buildTrainingMask VBR: importance rows, then full rows; rate loss = mean p over importance rows', () => {
    const rng = new Rng(5);
    const b = 8;
    const t = 6;
    const pData = Float32Array.from({ length: b * t }, () => rng.next());
    const p = tf.tensor3d(pData, [b, t, 1]);
    const before = tf.memory().numTensors;
    const tm = buildTrainingMask(p, { mode: 'vbr', nCodebooks: NQ, rng: new Rng(42) });
    expect(tm.rows).toEqual({ importance: 6, dropout: 0, full: 2 });
    expect(tm.levels).toEqual(sampleLevels(new Rng(42), 6)); // seeded, same draw order
    const counts = prefixCounts(tm.mask);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < t; j++) {
        const s = Math.fround(Math.fround(tm.levels[i] * NQ) * pData[i * t + j]);
        expect(counts[i][j]).toBe(Math.min(NQ, Math.floor(s) + 1));
      }
    }
    expect(counts.slice(6)).toEqual([new Array(t).fill(NQ), new Array(t).fill(NQ)]);
    const meanImp = Array.from(pData.subarray(0, 6 * t)).reduce((a, x) => a + x, 0) / (6 * t);
    expect(values(tm.rateLoss)[0]).toBeCloseTo(meanImp, 5);
    tf.dispose([tm.mask, tm.rateLoss]);
    // gradient: rate loss → 1/(I·T) on importance rows, 0 on full rows; mask → only importance rows
    const [gRate, gMask] = [0, 1].map((which) =>
      tf.grad((x: tf.Tensor) => {
        const r = buildTrainingMask(x as tf.Tensor3D, { mode: 'vbr', nCodebooks: NQ, rng: new Rng(42) });
        return which === 0 ? r.rateLoss : tf.sum(r.mask);
      })(p),
    );
    const gr = values(gRate);
    gr.forEach((v, i) => {
      expect(v).toBeCloseTo(i < 6 * t ? 1 / (6 * t) : 0, 6);
    });
    const gm = values(gMask);
    expect(gm.slice(0, 6 * t).every((v) => v >= 0)).toBe(true); // saturated frames may underflow to 0
    expect(gm.slice(0, 6 * t).filter((v) => v > 0.1).length).toBeGreaterThan(3 * t);
    expect(gm.slice(6 * t).every((v) => v === 0)).toBe(true);
    tf.dispose([gRate, gMask]);
    expect(tf.memory().numTensors).toBe(before);
    p.dispose();
  });

  it('buildTrainingMask rateWeights: R = mean(w·p) over importance rows, gradient w/(I·T), same mask', () => {
    const rng = new Rng(9);
    const [b, t] = [4, 5];
    const pData = Float32Array.from({ length: b * t }, () => rng.next());
    const wData = Float32Array.from({ length: b * t }, () => 1 + 4 * rng.next());
    const p = tf.tensor3d(pData, [b, t, 1]);
    const w = tf.tensor3d(wData, [b, t, 1]);
    const opts = { mode: 'vbr' as const, nCodebooks: NQ, fullCodebookRate: 0.25 };
    const before = tf.memory().numTensors;
    const plain = buildTrainingMask(p, { ...opts, rng: new Rng(3) });
    const weighted = buildTrainingMask(p, { ...opts, rng: new Rng(3), rateWeights: w });
    expect(values(weighted.mask)).toEqual(values(plain.mask)); // weights touch the rate only
    const nImp = 3 * t;
    const expected = Array.from(pData.subarray(0, nImp)).reduce((a, x, i) => a + x * wData[i], 0) / nImp;
    expect(values(weighted.rateLoss)[0]).toBeCloseTo(expected, 5);
    tf.dispose([plain.mask, plain.rateLoss, weighted.mask, weighted.rateLoss]);
    const g = tf.grad((x: tf.Tensor) => buildTrainingMask(x as tf.Tensor3D, { ...opts, rng: new Rng(3), rateWeights: w }).rateLoss)(p);
    values(g).forEach((v, i) => {
      expect(v).toBeCloseTo(i < nImp ? wData[i] / nImp : 0, 6);
    });
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const bad = tf.ones([b, t + 1, 1]) as tf.Tensor3D;
    expect(() => buildTrainingMask(p, { ...opts, rng: new Rng(3), rateWeights: bad })).toThrow(/rateWeights must be \[4, 5, 1\]/);
    tf.dispose([p, w, bad]);
  });

  it('buildTrainingMask VBR with dropout rows and CBR (DAC) mode', () => {
    const p = tf.fill([8, 3, 1], 0.3) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const v = buildTrainingMask(p, { mode: 'vbr', nCodebooks: NQ, rng: new Rng(1), dropoutRate: 0.25, fullCodebookRate: 0.25 });
    expect(v.rows).toEqual({ importance: 4, dropout: 2, full: 2 });
    const vc = prefixCounts(v.mask);
    const r = new Rng(1);
    sampleLevels(r, 4);
    const drops = quantizerDropoutCounts(2, NQ, 1, r);
    expect(vc.slice(4, 6)).toEqual(drops.map((n) => [n, n, n]));
    expect(vc.slice(6)).toEqual([
      [8, 8, 8],
      [8, 8, 8],
    ]);
    const c = buildTrainingMask({ batch: 8, frames: 3 }, { mode: 'cbr', nCodebooks: NQ, rng: new Rng(2) });
    expect(c.rows).toEqual({ importance: 0, dropout: 4, full: 4 });
    expect(prefixCounts(c.mask)).toEqual(quantizerDropoutCounts(8, NQ, 0.5, new Rng(2)).map((n) => [n, n, n]));
    expect(values(c.rateLoss)).toEqual([0]);
    tf.dispose([v.mask, v.rateLoss, c.mask, c.rateLoss]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => buildTrainingMask({ batch: 2, frames: 3 }, { mode: 'vbr', nCodebooks: NQ, rng: new Rng(1) })).toThrow(/needs the importance map/);
    p.dispose();
  });
});
