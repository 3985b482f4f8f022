import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Rng } from '../nn/rng.js';
import { describeBackends, values } from '../testing/backends.js';
import { VectorQuantizer } from './vector-quantizer.js';

const D = 12;
const K = 32;
const C = 8;

function randomR(rng: Rng, b: number, t: number): tf.Tensor3D {
  return tf.tensor3d(Float32Array.from({ length: b * t * D }, () => rng.normal()), [b, t, D]);
}

/** y[n, o] = Σ_i x[n, i] · m[i, o], float64. */
function matmul(x: number[], m: number[], n: number, i: number, o: number): number[] {
  const y = new Array<number>(n * o).fill(0);
  for (let a = 0; a < n; a++) for (let b = 0; b < i; b++) for (let c = 0; c < o; c++) y[a * o + c] += x[a * i + b] * m[b * o + c];
  return y;
}

describeBackends('VectorQuantizer', () => {
  it('has PyTorch names, layouts and init (g = ‖v‖, bias 0, v in ±1/√fan_in, codebook ~ N(0, 1))', () => {
    const vq = new VectorQuantizer(D, K, C, new Rng(1));
    const named = vq.namedParameters();
    expect(named.map(([n, v]) => `${n} ${v.shape.join('x')}`)).toEqual([
      `in_proj.bias ${C}`,
      `in_proj.weight_g ${C}x1x1`,
      `in_proj.weight_v ${C}x${D}x1`,
      `out_proj.bias ${D}`,
      `out_proj.weight_g ${D}x1x1`,
      `out_proj.weight_v ${D}x${C}x1`,
      `codebook.weight ${K}x${C}`,
    ]);
    const v = values(vq.inProj.weightV);
    const g = values(vq.inProj.weightG);
    for (let o = 0; o < C; o++) {
      const row = v.slice(o * D, (o + 1) * D);
      expect(g[o]).toBeCloseTo(Math.hypot(...row), 5);
      for (const x of row) expect(Math.abs(x)).toBeLessThanOrEqual(1 / Math.sqrt(D));
    }
    expect(values(vq.outProj.bias).every((x) => x === 0)).toBe(true);
    const cb = values(vq.codebook.weight);
    const mean = cb.reduce((a, b) => a + b, 0) / cb.length;
    const sd = Math.sqrt(cb.reduce((a, b) => a + (b - mean) ** 2, 0) / cb.length);
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(sd).toBeGreaterThan(0.85);
    expect(sd).toBeLessThan(1.15);
    // same seed, same parameters
    const again = new VectorQuantizer(D, K, C, new Rng(1));
    expect(values(again.codebook.weight)).toEqual(cb);
    vq.dispose();
    again.dispose();
  });

  it('picks the codeword of maximal cosine similarity and outputs the raw codeword downstream', () => {
    const rng = new Rng(2);
    const vq = new VectorQuantizer(D, K, C, rng);
    const r = randomR(rng, 2, 9);
    const before = tf.memory().numTensors;
    const out = vq.forward(r);
    const zE = values(out.latent);
    const cb = values(vq.codebook.weight);
    const codes = values(out.codes);
    const norm = (a: number[]) => Math.hypot(...a);
    for (let n = 0; n < 18; n++) {
      const z = zE.slice(n * C, (n + 1) * C);
      let best = -1;
      let bestSim = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) {
        const c = cb.slice(k * C, (k + 1) * C);
        const sim = z.reduce((a, x, j) => a + x * c[j], 0) / (norm(z) * norm(c));
        if (sim > bestSim) [best, bestSim] = [k, sim];
      }
      expect(codes[n]).toBe(best);
    }
    // contribution = out_proj(c) computed from integers alone, bit for bit
    const decoded = vq.decode(out.codes);
    expect(values(decoded)).toEqual(values(out.contribution));
    const enc = vq.encode(r);
    expect(values(enc.codes)).toEqual(codes);
    expect(values(enc.contribution)).toEqual(values(out.contribution));
    // per-(item, frame) losses: mean over the code dims of (z_e − c)², both losses equal in value
    const cl = values(out.commitmentLoss);
    for (let n = 0; n < 18; n++) {
      const c = cb.slice(codes[n] * C, codes[n] * C + C);
      const expected = zE.slice(n * C, (n + 1) * C).reduce((a, x, j) => a + (x - c[j]) ** 2, 0) / C;
      expect(cl[n]).toBeCloseTo(expected, 4);
    }
    expect(values(out.codebookLoss)).toEqual(cl);
    tf.dispose([out, decoded, enc]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(r);
    vq.dispose();
  });

  it('commitment loss gradient w.r.t. the input matches central finite differences', () => {
    const rng = new Rng(3);
    const vq = new VectorQuantizer(D, K, C, rng);
    const r = randomR(rng, 1, 6);
    const loss = (x: tf.Tensor) => tf.tidy(() => tf.sum(vq.forward(x as tf.Tensor3D).commitmentLoss));
    const before = tf.memory().numTensors;
    const g = tf.grad(loss)(r);
    const gv = values(g);
    g.dispose();
    const base = values(r);
    const codes0 = tf.tidy(() => values(vq.forward(r).codes));
    const eps = 1e-2;
    for (const i of [0, 5, 17, 33, 50, 71]) {
      const at = (d: number) => {
        const x = base.slice();
        x[i] += d;
        const xt = tf.tensor3d(x, [1, 6, D]);
        const res = tf.tidy(() => {
          const o = vq.forward(xt);
          return { l: values(tf.sum(o.commitmentLoss))[0], c: values(o.codes) };
        });
        xt.dispose();
        expect(res.c).toEqual(codes0); // the quadratic piece is the same on both sides
        return res.l;
      };
      const fd = (at(eps) - at(-eps)) / (2 * eps);
      expect(Math.abs(gv[i] - fd)).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
    }
    expect(tf.memory().numTensors).toBe(before);
    r.dispose();
    vq.dispose();
  });

  it('codebook loss trains only the selected codewords: ∂L/∂c_k = Σ_{n: code=k} 2(c_k − z_e,n)/C', () => {
    const rng = new Rng(4);
    const vq = new VectorQuantizer(D, K, C, rng);
    const r = randomR(rng, 2, 8);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(vq.forward(r).codebookLoss) as tf.Scalar, [vq.codebook.weight, vq.inProj.weightV]);
    const out = vq.forward(r);
    const zE = values(out.latent);
    const codes = values(out.codes);
    const cb = values(vq.codebook.weight);
    const expected = new Array<number>(K * C).fill(0);
    codes.forEach((k, n) => {
      for (let j = 0; j < C; j++) expected[k * C + j] += (2 * (cb[k * C + j] - zE[n * C + j])) / C;
    });
    values(grads[vq.codebook.weight.name]).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i], 4);
    });
    // sg(z_e): no gradient reaches in_proj from the codebook loss
    expect(values(grads[vq.inProj.weightV.name]).every((v) => v === 0)).toBe(true);
    tf.dispose([value, grads, out]);
    expect(tf.memory().numTensors).toBe(before);
    r.dispose();
    vq.dispose();
  });

  it('straight-through: ∂Σ(G ⊙ ẑ)/∂r = G · M_outᵀ · M_inᵀ (identity through the lookup)', () => {
    const rng = new Rng(5);
    const vq = new VectorQuantizer(D, K, C, rng);
    const r = randomR(rng, 1, 4);
    const G = randomR(rng, 1, 4);
    const before = tf.memory().numTensors;
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(G, vq.forward(x as tf.Tensor3D).contribution)))(r);
    const mIn = tf.tidy(() => values(vq.inProj.matrix())); // [D, C]
    const mOut = tf.tidy(() => values(vq.outProj.matrix())); // [C, D]
    const tr = (m: number[], rows: number, cols: number) => Array.from({ length: rows * cols }, (_, i) => m[(i % rows) * cols + Math.floor(i / rows)]);
    const expected = matmul(matmul(values(G), tr(mOut, C, D), 4, D, C), tr(mIn, D, C), 4, C, D);
    values(g).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i], 4);
    });
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([r, G]);
    vq.dispose();
  });
});
