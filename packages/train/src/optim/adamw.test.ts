import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { AdamW } from './adamw.js';
import { clipByGlobalNorm, clipCoefficient, globalNorm } from './grad-norm.js';
import { exponentialLr } from './lr-schedule.js';

/** PyTorch AdamW for one scalar parameter, float64. */
function referenceAdamW(p0: number, grads: number[], lr: number, b1: number, b2: number, eps: number, wd: number): number[] {
  let p = p0;
  let m = 0;
  let v = 0;
  const out: number[] = [];
  grads.forEach((g, i) => {
    const t = i + 1;
    p *= 1 - lr * wd;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    const denom = Math.sqrt(v) / Math.sqrt(1 - b2 ** t) + eps;
    p -= (lr / (1 - b1 ** t)) * (m / denom);
    out.push(p);
  });
  return out;
}

/**
 * The same for several parameters with PyTorch's clip_grad_norm_ (global norm over all of them,
 * coefficient maxNorm/(norm + 1e-6) in float64 when it is below 1) and its NaN/∞ skip: a step
 * whose gradients have a non-finite global norm changes nothing, not even the step count.
 */
function referenceClippedAdamW(p0: number[][], grads: number[][][], maxNorm: number, lr: number, b1: number, b2: number, eps: number, wd: number): number[][][] {
  const p = p0.map((x) => x.slice());
  const m = p0.map((x) => x.map(() => 0));
  const v = p0.map((x) => x.map(() => 0));
  let t = 0;
  const out: number[][][] = [];
  for (const g of grads) {
    const norm = Math.sqrt(g.flat().reduce((s, x) => s + x * x, 0));
    if (Number.isFinite(norm)) {
      t += 1;
      const coef = Math.min(1, maxNorm / (norm + 1e-6));
      for (let k = 0; k < p.length; k++) {
        for (let j = 0; j < p[k].length; j++) {
          const gc = g[k][j] * coef;
          p[k][j] *= 1 - lr * wd;
          m[k][j] = b1 * m[k][j] + (1 - b1) * gc;
          v[k][j] = b2 * v[k][j] + (1 - b2) * gc * gc;
          p[k][j] -= (lr / (1 - b1 ** t)) * (m[k][j] / (Math.sqrt(v[k][j]) / Math.sqrt(1 - b2 ** t) + eps));
        }
      }
    }
    out.push(p.map((x) => x.slice()));
  }
  return out;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`AdamW on ${backend}`, () => {
    beforeAll(async () => {
      await useBackend(backend);
    });

    it('follows PyTorch AdamW (decoupled decay, bias correction) step by step', async () => {
      const start = tf.memory().numTensors;
      const p = tf.variable(tf.tensor1d([0.5, -2, 3]));
      const opt = new AdamW([['w', p]], { lr: 0.1, weightDecay: 0.05 });
      const gs = [
        [0.3, -1, 2],
        [0.1, 0.5, -4],
        [-0.2, 0.2, 1],
        [1e-3, -3, 0.5],
      ];
      const before = tf.memory().numTensors;
      const traj: number[][] = [];
      for (const g of gs) {
        const gt = tf.tensor1d(g);
        const r = await opt.applyGradients({ w: gt });
        expect(r.skipped).toBe(false);
        expect(r.gradNorm).toBeCloseTo(Math.hypot(...g), 5);
        gt.dispose();
        traj.push(Array.from(await p.data()));
      }
      expect(tf.memory().numTensors).toBe(before);
      for (let j = 0; j < 3; j++) {
        const ref = referenceAdamW([0.5, -2, 3][j], gs.map((g) => g[j]), 0.1, 0.8, 0.99, 1e-8, 0.05);
        for (let s = 0; s < gs.length; s++) expect(traj[s][j]).toBeCloseTo(ref[s], 5);
      }
      expect(opt.step).toBe(4);
      opt.dispose();
      p.dispose();
      expect(tf.memory().numTensors).toBe(start + 1); // the tensor1d p was made from
    });

    it('measures and clips the global norm like clip_grad_norm_, on the device', async () => {
      const a = tf.tensor1d([3, 0]);
      const b = tf.tensor1d([0, 4]);
      const before = tf.memory().numTensors;
      expect(await globalNorm([a, b])).toBeCloseTo(5, 6);
      expect(await globalNorm([])).toBe(0);
      const c = clipByGlobalNorm({ a, b }, 1);
      expect((await c.norm.data())[0]).toBeCloseTo(5, 6);
      expect(Array.from(await c.grads.a.data())).toEqual([Math.fround(3 / (5 + 1e-6)), 0].map((x) => expect.closeTo(x, 7)));
      expect(await globalNorm(Object.values(c.grads))).toBeCloseTo(5 / (5 + 1e-6), 6);
      tf.dispose([c.norm, ...Object.values(c.grads)]);
      // Below the threshold, and with a non-finite norm, the gradients are returned unscaled.
      const u = clipByGlobalNorm({ a, b }, 10);
      expect(Array.from(await u.grads.b.data())).toEqual([0, 4]);
      tf.dispose([u.norm, ...Object.values(u.grads)]);
      const bad = tf.tensor1d([Number.POSITIVE_INFINITY, 2]);
      const n = clipByGlobalNorm({ a, bad }, 1);
      expect((await n.norm.data())[0]).toBe(Number.POSITIVE_INFINITY);
      expect(Array.from(await n.grads.a.data())).toEqual([3, 0]);
      tf.dispose([n.norm, bad, ...Object.values(n.grads)]);
      const nan = tf.scalar(Number.NaN);
      const coef = clipCoefficient(nan, 1);
      expect((await coef.data())[0]).toBe(1);
      tf.dispose([nan, coef]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([a, b]);
    });

    it('clips exactly as before (PyTorch order: clip, then AdamW) with several parameters', async () => {
      const p0 = [
        [0.5, -2, 3],
        [1, -1],
      ];
      const grads = [
        [[3, -4, 2], [1, 0.5]], // norm 5.7: clipped to 1
        [[0.1, 0.2, -0.1], [0.05, 0]], // norm 0.25: not clipped
        [[-20, 10, 5], [0, 30]], // clipped
        [[0.3, -0.3, 0.3], [0.3, -0.3]], // not clipped
      ];
      const a = tf.variable(tf.tensor1d(p0[0]));
      const b = tf.variable(tf.tensor1d(p0[1]));
      const opt = new AdamW([['a', a], ['b', b]], { lr: 0.05, weightDecay: 0.01 });
      const ref = referenceClippedAdamW(p0, grads, 1, 0.05, 0.8, 0.99, 1e-8, 0.01);
      for (const [s, g] of grads.entries()) {
        const ga = tf.tensor1d(g[0]);
        const gb = tf.tensor1d(g[1]);
        const r = await opt.applyGradients({ a: ga, b: gb }, { maxGradNorm: 1 });
        expect(r.gradNorm).toBeCloseTo(Math.sqrt(g.flat().reduce((t, x) => t + x * x, 0)), 5);
        tf.dispose([ga, gb]);
        const got = [Array.from(await a.data()), Array.from(await b.data())];
        for (let k = 0; k < 2; k++) for (let j = 0; j < got[k].length; j++) expect(got[k][j]).toBeCloseTo(ref[s][k][j], 5);
      }
      expect(opt.step).toBe(4);
      tf.dispose([a, b]);
      opt.dispose();
    });

    it('leaves parameters, moments and the step count untouched on a non-finite norm, and continues as if it was skipped', async () => {
      const p0 = [[1, 2], [-0.5]];
      const finite = [[0.3, -1], [2]];
      // NaN, +∞, and finite values whose squares overflow float32 (a norm of +∞).
      const bad = [
        [[Number.NaN, 1], [0]],
        [[0.1, 0.1], [Number.POSITIVE_INFINITY]],
        [[3e19, 3e19], [1]],
      ];
      const after = [[0.2, 0.4], [-1]];
      const a = tf.variable(tf.tensor1d(p0[0]));
      const b = tf.variable(tf.tensor1d(p0[1]));
      const opt = new AdamW([['a', a], ['b', b]], { lr: 0.1 });
      const step = async (g: number[][], maxGradNorm?: number) => {
        const ga = tf.tensor1d(g[0]);
        const gb = tf.tensor1d(g[1]);
        const r = await opt.applyGradients({ a: ga, b: gb }, { maxGradNorm });
        tf.dispose([ga, gb]);
        return r;
      };
      await step(finite, 1);
      const state0 = await opt.getState();
      const params0 = [Array.from(await a.data()), Array.from(await b.data())];
      const before = tf.memory().numTensors;
      for (const [i, g] of bad.entries()) {
        const r = await step(g, i === 0 ? undefined : 1); // with and without clipping
        expect(r.skipped).toBe(true);
        expect(Number.isFinite(r.gradNorm)).toBe(false);
        expect(opt.step).toBe(1);
        expect([Array.from(await a.data()), Array.from(await b.data())]).toEqual(params0);
        const st = await opt.getState();
        expect(st.step).toBe(1);
        for (const [k, t] of Object.entries(st.tensors)) expect(Array.from(t.data)).toEqual(Array.from(state0.tensors[k].data));
      }
      expect(tf.memory().numTensors).toBe(before);
      await step(after, 1);
      expect(opt.step).toBe(2);
      // Bias correction continues at t = 2, exactly like a run that never saw the bad steps.
      const ref = referenceClippedAdamW(p0, [finite, after], 1, 0.1, 0.8, 0.99, 1e-8, 0.01)[1];
      const got = [Array.from(await a.data()), Array.from(await b.data())];
      for (let k = 0; k < 2; k++) for (let j = 0; j < got[k].length; j++) expect(got[k][j]).toBeCloseTo(ref[k][j], 6);
      tf.dispose([a, b]);
      opt.dispose();
    });

    it('refuses a second update before the first one has settled', async () => {
      const p = tf.variable(tf.tensor1d([1]));
      const opt = new AdamW([['p', p]]);
      const g = tf.tensor1d([1]);
      const first = opt.applyGradients({ p: g });
      expect(() => opt.applyGradients({ p: g })).toThrow(/previous update/);
      expect((await first).skipped).toBe(false);
      await opt.applyGradients({ p: g });
      expect(opt.step).toBe(2);
      tf.dispose([p, g]);
      opt.dispose();
    });

    it('state round trip continues bit-identically', async () => {
      const run = async (split: boolean): Promise<Float32Array> => {
        const p = tf.variable(tf.tensor1d([0.1, 0.2, 0.3, 0.4]));
        let opt = new AdamW([['x', p]], { lr: 0.01 });
        for (let s = 0; s < 6; s++) {
          if (split && s === 3) {
            const st = await opt.getState();
            opt.dispose();
            opt = new AdamW([['x', p]], { lr: 0.01 });
            opt.setState(st);
          }
          const g = tf.tidy(() => tf.sin(tf.mul(p, s + 1)));
          await opt.applyGradients({ x: g }, { lr: exponentialLr(0.01, 0.9, s), maxGradNorm: 0.5 });
          g.dispose();
        }
        const out = (await p.data()).slice() as Float32Array;
        opt.dispose();
        p.dispose();
        return out;
      };
      expect(Array.from(await run(true))).toEqual(Array.from(await run(false)));
    });

    it('minimises a quadratic', async () => {
      const p = tf.variable(tf.tensor1d([5, -5]));
      const opt = new AdamW([['p', p]], { lr: 0.1, weightDecay: 0 });
      for (let i = 0; i < 300; i++) {
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(p, tf.tensor1d([1, 2])))) as tf.Scalar, [p]);
        await opt.applyGradients({ p: grads[p.name] });
        tf.dispose(grads);
      }
      const d = await p.data();
      expect(d[0]).toBeCloseTo(1, 1);
      expect(d[1]).toBeCloseTo(2, 1);
      opt.dispose();
      p.dispose();
    });
  });
}

describe('exponentialLr', () => {
  it('is base·γ^t', () => {
    expect(exponentialLr(1e-4, 0.999996, 0)).toBe(1e-4);
    expect(exponentialLr(1e-4, 0.999996, 100000)).toBeCloseTo(1e-4 * Math.exp(100000 * Math.log(0.999996)), 15);
  });
});
