import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.js';
import { snake } from '../snake.js';
import { sumRows } from '../sum-rows.js';
import { expectNoLeak, randoms } from '../test-helpers.js';
import { setSimdKernelsEnabled, simdKernels } from './simd-kernels.js';

// The SIMD wasm kernels against float64 references from the definitions and against the JS
// loops they replace, for channel counts that are and are not multiples of 4 (rows left over
// for the JS tail) and for phases from tiny to huge.

function inputs(b: number, t: number, c: number, seed: number, scale: number) {
  const xv = randoms(b * t * c, seed).map((v) => v * scale);
  const av = Array.from(randoms(c, seed + 1), (v) => 0.05 + 4 * Math.abs(v));
  return { xv, av, x: tf.tensor3d(xv, [b, t, c]), alpha: tf.tensor3d(av, [1, c, 1]) };
}

/** float64 Snake value and its gradients for the upstream gradient dy. */
function reference(xv: Float32Array, av: number[], dy: Float32Array) {
  const c = av.length;
  const y = new Float64Array(xv.length);
  const dx = new Float64Array(xv.length);
  const da = new Float64Array(c);
  for (let i = 0; i < xv.length; i++) {
    const a = av[i % c];
    const inv = 1 / (a + 1e-9);
    const u = a * xv[i];
    const s = Math.sin(u);
    y[i] = xv[i] + s * s * inv;
    dx[i] = dy[i] * (1 + a * inv * Math.sin(2 * u));
    da[i % c] += dy[i] * (xv[i] * Math.sin(2 * u) * inv - s * s * inv * inv);
  }
  return { y, dx, da };
}

function maxAbsErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function snakeAndGrads(x: tf.Tensor3D, alpha: tf.Tensor3D, dy: tf.Tensor3D) {
  const y = snake(x, alpha);
  const [gx, ga] = tf.grads((xx: tf.Tensor, aa: tf.Tensor) => tf.sum(tf.mul(snake(xx as tf.Tensor3D, aa as tf.Tensor3D), dy)))([x, alpha]);
  const out = { y: y.dataSync().slice(), dx: gx.dataSync().slice(), da: ga.dataSync().slice() };
  tf.dispose([y, gx, ga]);
  return out;
}

describe('SIMD wasm kernels', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });
  afterEach(() => setSimdKernelsEnabled(true));

  it('load against the wasm backend heap in Node', () => {
    expect(simdKernels(tf.backend())).not.toBeNull();
  });

  it.each([
    [1, 1, 33],
    [2, 3, 2],
    [3, 2, 7],
    [4, 5, 4],
    [5, 3, 9],
    [8, 2, 50],
    [12, 1, 17],
    [16, 2, 64],
    [64, 1, 9],
  ])('snake value and gradients match float64 and the JS loops (C = %i, B = %i, T = %i)', (c, b, t) => {
    const { xv, av, x, alpha } = inputs(b, t, c, 100 + c, 3);
    const dyv = randoms(b * t * c, 7 + c);
    const dy = tf.tensor3d(dyv, [b, t, c]);
    const ref = reference(xv, av, dyv);
    expectNoLeak(() => {
      const simd = snakeAndGrads(x, alpha, dy);
      setSimdKernelsEnabled(false);
      const js = snakeAndGrads(x, alpha, dy);
      setSimdKernelsEnabled(true);
      expect(maxAbsErr(simd.y, ref.y)).toBeLessThan(2e-6);
      expect(maxAbsErr(simd.dx, ref.dx)).toBeLessThan(2e-6);
      const daScale = Math.max(1, ...Array.from(ref.da, Math.abs));
      expect(maxAbsErr(simd.da, ref.da) / daScale).toBeLessThan(2e-6);
      expect(maxAbsErr(simd.y, js.y)).toBeLessThan(2e-6);
      expect(maxAbsErr(simd.dx, js.dx)).toBeLessThan(2e-6);
      expect(maxAbsErr(simd.da, js.da) / daScale).toBeLessThan(2e-6);
    });
    tf.dispose([x, alpha, dy]);
  });

  it('snake keeps float64 range reduction for large phases', () => {
    const xv = new Float32Array([1e3, -2.5e3, 123.456, -9876.5, 0.001, 4e4, 1e-7, -0, 7.5, -3e5, 2e-3, 1]);
    const av = [7, 31, 0.5, 2];
    const x = tf.tensor3d(xv, [1, 3, 4]);
    const alpha = tf.tensor3d(av, [1, 4, 1]);
    const y = snake(x, alpha);
    const ref = reference(xv, av, new Float32Array(12)).y;
    const got = y.dataSync();
    for (let i = 0; i < xv.length; i++) expect(Math.abs(got[i] - ref[i])).toBeLessThanOrEqual(Math.abs(ref[i]) * 2e-7 + 1e-6);
    tf.dispose([x, alpha, y]);
  });

  it('snake passes NaN through and stays bounded for absurd |αx|', () => {
    const x = tf.tensor3d([Number.NaN, 3e38, -3e38, 1], [1, 1, 4]);
    const alpha = tf.tensor3d([1, 1e30, 1e30, 1], [1, 4, 1]);
    const y = snake(x, alpha).dataSync();
    expect(Number.isNaN(y[0])).toBe(true);
    expect(Math.abs(y[1] - 3e38)).toBeLessThanOrEqual(3e38 * 1e-6);
    expect(Math.abs(y[2] + 3e38)).toBeLessThanOrEqual(3e38 * 1e-6);
    expect(y[3]).toBeCloseTo(1 + Math.sin(1) ** 2, 6);
    tf.dispose([x, alpha]);
  });

  it.each([1, 3, 4, 6, 16, 33])('sumRows equals a float64 sum (C = %i)', (c) => {
    const rows = 1001;
    const v = randoms(rows * c, c);
    const t = tf.tensor2d(v, [rows, c]);
    const ref = new Float64Array(c);
    for (let i = 0; i < v.length; i++) ref[i % c] += v[i];
    expectNoLeak(() => {
      const s = sumRows(t);
      expect(s.shape).toEqual([c]);
      expect(maxAbsErr(s.dataSync(), ref)).toBeLessThan(1e-4);
      s.dispose();
    });
    t.dispose();
  });
});
