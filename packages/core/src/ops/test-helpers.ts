// Shared helpers for the ops tests (not exported from the package).
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32), so failures reproduce. */
export function randoms(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export function rand<R extends tf.Rank>(shape: number[], seed: number, scale = 1): tf.Tensor<R> {
  const v = randoms(shape.reduce((a, b) => a * b, 1), seed).map((x) => x * scale);
  return tf.tensor(v, shape) as unknown as tf.Tensor<R>;
}

/** Max |a − b| / max(1, max |b|) — a relative error against the reference's scale. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let num = 0;
  let den = 1e-12;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

/**
 * Gradient check: the analytic gradient of loss = Σ r ⊙ f(inputs) (fixed random r) against central
 * finite differences of the same float32 computation, for `samples` coordinates of every input.
 */
export function checkGradients(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  inputs: tf.Tensor[],
  opts: { eps?: number; tol?: number; samples?: number; seed?: number } = {},
): void {
  const eps = opts.eps ?? 0.25;
  const tol = opts.tol ?? 2e-3;
  const samples = opts.samples ?? 12;
  const y0 = tf.tidy(() => f(...inputs));
  const r = rand(y0.shape, opts.seed ?? 99);
  y0.dispose();
  const loss = (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r));
  const grads = tf.grads(loss)(inputs);
  const analytic = grads.map((g) => g.dataSync().slice());
  tf.dispose(grads);
  inputs.forEach((inp, which) => {
    const base = inp.dataSync().slice();
    const n = base.length;
    const picks = n <= samples ? [...Array(n).keys()] : [...Array(samples).keys()].map((i) => Math.floor(((i + 0.5) * n) / samples));
    const numeric: number[] = [];
    const got: number[] = [];
    for (const idx of picks) {
      const evalAt = (delta: number): number =>
        tf.tidy(() => {
          const v = base.slice();
          v[idx] += delta;
          const xs = inputs.map((t, j) => (j === which ? tf.tensor(v, t.shape) : t));
          return loss(...xs).dataSync()[0];
        });
      numeric.push((evalAt(eps) - evalAt(-eps)) / (2 * eps));
      got.push(analytic[which][idx]);
    }
    const err = relErr(got, numeric);
    expect(err, `input ${which}: analytic ${got.slice(0, 4)} vs numeric ${numeric.slice(0, 4)}`).toBeLessThan(tol);
  });
  r.dispose();
}

/** Runs `body` and asserts it leaves the number of live tensors unchanged. */
export function expectNoLeak(body: () => void): void {
  const before = tf.memory().numTensors;
  body();
  expect(tf.memory().numTensors).toBe(before);
}

/** Naive float64 conv1d, PyTorch semantics. x [B, T, Cin], w [Cout, Cin, K] → [B, T', Cout] flat. */
export function refConv1d(
  x: Float32Array,
  [b, t, cin]: number[],
  w: Float32Array,
  [cout, , k]: number[],
  bias: Float32Array | null,
  s: number,
  d: number,
  pl: number,
  pr: number,
): { data: Float64Array; len: number } {
  const len = Math.floor((t + pl + pr - d * (k - 1) - 1) / s) + 1;
  const out = new Float64Array(b * len * cout);
  for (let bi = 0; bi < b; bi++)
    for (let o = 0; o < len; o++)
      for (let co = 0; co < cout; co++) {
        let acc = bias ? bias[co] : 0;
        for (let kk = 0; kk < k; kk++) {
          const ti = o * s + kk * d - pl;
          if (ti < 0 || ti >= t) continue;
          for (let ci = 0; ci < cin; ci++) acc += x[(bi * t + ti) * cin + ci] * w[(co * cin + ci) * k + kk];
        }
        out[(bi * len + o) * cout + co] = acc;
      }
  return { data: out, len };
}

/** Naive float64 transposed conv1d, PyTorch semantics. x [B, T, Cin], w [Cin, Cout, K] → [B, L, Cout] flat. */
export function refConvTranspose1d(
  x: Float32Array,
  [b, t, cin]: number[],
  w: Float32Array,
  [, cout, k]: number[],
  bias: Float32Array | null,
  s: number,
  p: number,
): { data: Float64Array; len: number } {
  const len = (t - 1) * s - 2 * p + k;
  const out = new Float64Array(b * len * cout);
  for (let bi = 0; bi < b; bi++)
    for (let o = 0; o < len; o++) for (let co = 0; co < cout; co++) out[(bi * len + o) * cout + co] = bias ? bias[co] : 0;
  for (let bi = 0; bi < b; bi++)
    for (let ti = 0; ti < t; ti++)
      for (let kk = 0; kk < k; kk++) {
        const o = ti * s + kk - p;
        if (o < 0 || o >= len) continue;
        for (let ci = 0; ci < cin; ci++) {
          const xv = x[(bi * t + ti) * cin + ci];
          for (let co = 0; co < cout; co++) out[(bi * len + o) * cout + co] += xv * w[(ci * cout + co) * k + kk];
        }
      }
  return { data: out, len };
}

/** Naive float64 conv2d, PyTorch semantics. x [B, H, W, Cin], w [Cout, Cin, KH, KW] → [B, H', W', Cout] flat. */
export function refConv2d(
  x: Float32Array,
  [b, h, wd, cin]: number[],
  w: Float32Array,
  [cout, , kh, kw]: number[],
  bias: Float32Array | null,
  [sh, sw]: [number, number],
  [[pt, pb], [pl, pr]]: [[number, number], [number, number]],
): { data: Float64Array; oh: number; ow: number } {
  const oh = Math.floor((h + pt + pb - kh) / sh) + 1;
  const ow = Math.floor((wd + pl + pr - kw) / sw) + 1;
  const out = new Float64Array(b * oh * ow * cout);
  for (let bi = 0; bi < b; bi++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let co = 0; co < cout; co++) {
          let acc = bias ? bias[co] : 0;
          for (let a = 0; a < kh; a++)
            for (let c = 0; c < kw; c++) {
              const hi = i * sh + a - pt;
              const wi = j * sw + c - pl;
              if (hi < 0 || hi >= h || wi < 0 || wi >= wd) continue;
              for (let ci = 0; ci < cin; ci++)
                acc += x[((bi * h + hi) * wd + wi) * cin + ci] * w[((co * cin + ci) * kh + a) * kw + c];
            }
          out[((bi * oh + i) * ow + j) * cout + co] = acc;
        }
  return { data: out, oh, ow };
}
