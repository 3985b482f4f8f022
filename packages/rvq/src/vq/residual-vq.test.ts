import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { importanceToCounts, importanceToMask } from '../mask/importance-to-mask.js';
import { logCoshSurrogateDerivative } from '../mask/surrogate.js';
import { countsToMask } from '../mask/prefix.js';
import { Module } from '../nn/module.js';
import { Rng } from '../nn/rng.js';
import { describeBackends, values } from '../testing/backends.js';
import { maskedSum } from './masked-sum.js';
import { ResidualVectorQuantizer, type RvqConfig } from './residual-vq.js';
import { maskedVqLosses } from './vq-losses.js';

const CFG: RvqConfig = { inputDim: 16, nCodebooks: 4, codebookSize: 64, codebookDim: 8 };
const NQ = CFG.nCodebooks;

function randomTensor(rng: Rng, shape: [number, number, number], scale = 1, offset = 0): tf.Tensor3D {
  return tf.tensor3d(Float32Array.from({ length: shape[0] * shape[1] * shape[2] }, () => offset + scale * rng.next()), shape);
}
function normal(rng: Rng, shape: [number, number, number]): tf.Tensor3D {
  return tf.tensor3d(Float32Array.from({ length: shape[0] * shape[1] * shape[2] }, () => rng.normal()), shape);
}

class Codec extends Module {
  readonly quantizer: ResidualVectorQuantizer;
  constructor() {
    super();
    this.quantizer = this.child('quantizer', new ResidualVectorQuantizer(CFG, new Rng(0)));
  }
}

describeBackends('ResidualVectorQuantizer', () => {
  it('names parameters as the codec state_dict expects', () => {
    const codec = new Codec();
    const names = codec.namedParameters().map(([n, v]) => `${n} ${v.shape.join('x')}`);
    expect(names).toHaveLength(7 * NQ);
    expect(names).toContain('quantizer.quantizers.0.in_proj.weight_g 8x1x1');
    expect(names).toContain('quantizer.quantizers.3.in_proj.weight_v 8x16x1');
    expect(names).toContain('quantizer.quantizers.2.out_proj.weight_v 16x8x1');
    expect(names).toContain('quantizer.quantizers.1.codebook.weight 64x8');
    codec.dispose();
  });

  it('runs an unmasked residual chain: level k quantizes z − Σ_{j<k} ẑ_j', () => {
    const rng = new Rng(1);
    const rvq = new ResidualVectorQuantizer(CFG, rng);
    const z = normal(rng, [2, 7, 16]);
    const before = tf.memory().numTensors;
    const out = rvq.forward(z);
    expect(out.codes.shape).toEqual([2, NQ, 7]);
    expect(out.codes.dtype).toBe('int32');
    expect(out.commitmentLoss.shape).toEqual([2, NQ, 7]);
    expect(out.latents.shape).toEqual([2, 7, 8 * NQ]);
    const codes = values(out.codes);
    tf.tidy(() => {
      let residual: tf.Tensor3D = z;
      for (let k = 0; k < NQ; k++) {
        const lvl = rvq.quantizers.at(k).forward(residual);
        const expectCodes = values(lvl.codes); // [B, T]
        for (let b = 0; b < 2; b++) for (let t = 0; t < 7; t++) expect(codes[(b * NQ + k) * 7 + t]).toBe(expectCodes[b * 7 + t]);
        expect(values(lvl.contribution)).toEqual(values(out.contributions[k]));
        residual = tf.sub(residual, lvl.contribution) as tf.Tensor3D;
      }
    });
    // encode(z, n) stops early and agrees with the first n levels of forward
    const enc = rvq.encode(z, 2);
    expect(enc.shape).toEqual([2, 2, 7]);
    const ev = values(enc);
    for (let b = 0; b < 2; b++) for (let k = 0; k < 2; k++) for (let t = 0; t < 7; t++) expect(ev[(b * 2 + k) * 7 + t]).toBe(codes[(b * NQ + k) * 7 + t]);
    tf.dispose([out, enc]);
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
    rvq.dispose();
  });

  it('codesToLatent (integers only) equals the masked forward sum exactly', () => {
    const rng = new Rng(2);
    const rvq = new ResidualVectorQuantizer(CFG, rng);
    const z = normal(rng, [2, 9, 16]);
    const p = randomTensor(rng, [2, 9, 1]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const out = rvq.forward(z);
      const mask = importanceToMask(p, [0.5, 1.2], NQ);
      const zq = maskedSum(out.contributions, mask);
      const counts = importanceToCounts(p, [0.5, 1.2], NQ);
      expect(values(rvq.codesToLatent(out.codes, counts))).toEqual(values(zq));
      // all levels; a constant count (CBR); a truncated code array (decoder got only 2 levels)
      const all = maskedSum(out.contributions, tf.onesLike(mask) as tf.Tensor3D);
      expect(values(rvq.codesToLatent(out.codes))).toEqual(values(all));
      const two = maskedSum(out.contributions, countsToMask(tf.fill([2, 9], 2, 'int32') as tf.Tensor2D, NQ));
      expect(values(rvq.codesToLatent(out.codes, 2))).toEqual(values(two));
      const firstTwo = tf.slice(out.codes, [0, 0, 0], [2, 2, 9]) as tf.Tensor3D;
      expect(values(rvq.codesToLatent(firstTwo))).toEqual(values(two));
      // the masked sum really is Σ_k m_k ẑ_k
      const mv = values(mask);
      const cv = out.contributions.map(values);
      const zv = values(zq);
      for (let i = 0; i < 2 * 9; i++) {
        for (let d = 0; d < 16; d++) {
          let e = 0;
          for (let k = 0; k < NQ; k++) e += mv[i * NQ + k] * cv[k][i * 16 + d];
          expect(zv[i * 16 + d]).toBeCloseTo(e, 5);
        }
      }
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(() => rvq.codesToLatent(tf.zeros([1, 5, 3], 'int32') as tf.Tensor3D)).toThrow(/1…4/);
    tf.dispose([z, p]);
    rvq.dispose();
  });

  it('gradients flow into p (closed form through the STE) and into z; no tensors leak', () => {
    const rng = new Rng(3);
    const rvq = new ResidualVectorQuantizer(CFG, rng);
    const z = normal(rng, [2, 5, 16]);
    const p = randomTensor(rng, [2, 5, 1], 0.9, 0.05);
    const G = normal(rng, [2, 5, 16]);
    const levels = [0.6, 1];
    const alpha = 2;
    const before = tf.memory().numTensors;
    const [gz, gp] = tf.grads((zz: tf.Tensor, pp: tf.Tensor) => {
      const out = rvq.forward(zz as tf.Tensor3D);
      const mask = importanceToMask(pp as tf.Tensor3D, levels, NQ, { alpha });
      const zq = maskedSum(out.contributions, mask);
      const vq = maskedVqLosses(out, mask);
      return tf.addN([tf.sum(tf.mul(G, zq)), vq.codebook, tf.mul(vq.commitment, 0.25)]);
    })([z, p]);
    expect(values(gz).some((v) => Math.abs(v) > 1e-4)).toBe(true);
    // ∂/∂p[b,t] = Σ_k ⟨G, ẑ_k⟩[b,t] · ℓ_b·Nq · f′(ℓ_b·Nq·p − k)  (the VQ losses use sg(mask))
    const expected = tf.tidy(() => {
      const out = rvq.forward(z);
      const dots = out.contributions.map((c) => values(tf.sum(tf.mul(G, c), 2))); // Nq × [B·T]
      const pv = values(p);
      return pv.map((pi, i) => {
        const scale = levels[Math.floor(i / 5)] * NQ;
        return dots.reduce((a, dk, k) => a + dk[i] * scale * logCoshSurrogateDerivative(scale * pi - k, alpha), 0);
      });
    });
    values(gp).forEach((v, i) => {
      expect(Math.abs(v - expected[i])).toBeLessThan(1e-3 * Math.max(1, Math.abs(expected[i])));
    });
    expect(expected.some((v) => Math.abs(v) > 1e-2)).toBe(true);
    tf.dispose([gz, gp]);
    // parameters get gradients too, and a full training-style step leaves no tensors behind
    const { value, grads } = tf.variableGrads(() => {
      const out = rvq.forward(z);
      const mask = importanceToMask(p, levels, NQ);
      const vq = maskedVqLosses(out, mask);
      return tf.addN([tf.mean(tf.square(maskedSum(out.contributions, mask))), vq.codebook, vq.commitment]) as tf.Scalar;
    });
    expect(Object.keys(grads)).toHaveLength(7 * NQ);
    tf.dispose([value, grads]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([z, p, G]);
    rvq.dispose();
  });

  it('maskedVqLosses: Σ over levels of sg(mask)-weighted losses, mean over items and frames', () => {
    const rng = new Rng(4);
    const c = normal(rng, [2, NQ, 3]);
    const b = normal(rng, [2, NQ, 3]);
    const counts = tf.tensor2d([1, 2, 4, 3, 3, 0], [2, 3], 'int32');
    const mask = countsToMask(counts, NQ); // [B, T, Nq]
    const l = maskedVqLosses({ commitmentLoss: c, codebookLoss: b }, mask);
    const cv = values(c);
    const cnt = [1, 2, 4, 3, 3, 0];
    let e = 0;
    for (let i = 0; i < 2; i++) for (let k = 0; k < NQ; k++) for (let t = 0; t < 3; t++) if (k < cnt[i * 3 + t]) e += cv[(i * NQ + k) * 3 + t];
    expect(values(l.commitment)[0]).toBeCloseTo(e / 6, 5);
    const all = maskedVqLosses({ commitmentLoss: c, codebookLoss: b });
    expect(values(all.codebook)[0]).toBeCloseTo(values(b).reduce((a, x) => a + x, 0) / 6, 5);
    tf.dispose([c, b, counts, mask, l, all]);
  });
});
