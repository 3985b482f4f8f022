import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { AdamW } from './adamw.js';
import { clipByGlobalNorm, globalNorm } from './grad-norm.js';
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

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`AdamW on ${backend}`, () => {
    beforeAll(async () => {
      await useBackend(backend);
    });

    it('follows PyTorch AdamW (decoupled decay, bias correction) step by step', () => {
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
        const r = opt.applyGradients({ w: gt });
        expect(r.skipped).toBe(false);
        gt.dispose();
        traj.push(Array.from(p.dataSync()));
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

    it('clips the global norm like clip_grad_norm_ and skips non-finite steps untouched', () => {
      const a = tf.tensor1d([3, 0]);
      const b = tf.tensor1d([0, 4]);
      expect(globalNorm([a, b])).toBeCloseTo(5, 6);
      const c = clipByGlobalNorm({ a, b }, 1);
      expect(c.norm).toBeCloseTo(5, 6);
      expect(globalNorm(Object.values(c.grads))).toBeCloseTo(5 / (5 + 1e-6), 6);
      tf.dispose(Object.values(c.grads));

      const p = tf.variable(tf.tensor1d([1, 2]));
      const opt = new AdamW([['w', p]]);
      const bad = tf.tensor1d([Number.NaN, 1]);
      const before = tf.memory().numTensors;
      const r = opt.applyGradients({ w: bad }, { maxGradNorm: 10 });
      expect(r.skipped).toBe(true);
      expect(Number.isNaN(r.gradNorm)).toBe(true);
      expect(Array.from(p.dataSync())).toEqual([1, 2]);
      expect(opt.step).toBe(0);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([a, b, bad, p]);
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
          opt.applyGradients({ x: g }, { lr: exponentialLr(0.01, 0.9, s), maxGradNorm: 0.5 });
          g.dispose();
        }
        const out = p.dataSync().slice() as Float32Array;
        opt.dispose();
        p.dispose();
        return out;
      };
      expect(Array.from(await run(true))).toEqual(Array.from(await run(false)));
    });

    it('minimises a quadratic', () => {
      const p = tf.variable(tf.tensor1d([5, -5]));
      const opt = new AdamW([['p', p]], { lr: 0.1, weightDecay: 0 });
      for (let i = 0; i < 300; i++) {
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(p, tf.tensor1d([1, 2])))) as tf.Scalar, [p]);
        opt.applyGradients({ p: grads[p.name] });
        tf.dispose(grads);
      }
      const d = p.dataSync();
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
