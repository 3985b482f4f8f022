import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { snake, snakeUsesKernels, snakeWithOps } from './snake.js';
import { checkGradients, expectNoLeak, rand, relErr } from './test-helpers.js';

function reference(xv: Float32Array, alphaVals: number[]): Float64Array {
  const c = alphaVals.length;
  const ref = new Float64Array(xv.length);
  for (let i = 0; i < xv.length; i++) {
    const a = alphaVals[i % c];
    ref[i] = xv[i] + Math.sin(a * xv[i]) ** 2 / (a + 1e-9);
  }
  return ref;
}

describe.each(['cpu', 'wasm'])('snake on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('runs as a loop kernel here', () => {
    expect(snakeUsesKernels()).toBe(true);
  });

  it.each([
    ['kernel', snake],
    ['ops', snakeWithOps],
  ] as const)('computes x + sin²(αx)/(α + 1e-9) per channel (%s)', (_, f) => {
    const [b, t, c] = [2, 33, 5];
    const x = rand<tf.Rank.R3>([b, t, c], 31, 4);
    const alphaVals = [0.05, 0.5, 1, 3.7, 20];
    const alpha = tf.tensor3d(alphaVals, [1, c, 1]);
    const ref = reference(x.dataSync() as Float32Array, alphaVals);
    expectNoLeak(() => {
      const y = f(x, alpha);
      expect(y.shape).toEqual([b, t, c]);
      expect(relErr(y.dataSync(), ref)).toBeLessThan(2e-6);
      y.dispose();
    });
    tf.dispose([x, alpha]);
  });

  it('stays accurate for large |αx| (range reduction)', () => {
    const alphaVals = [7, 31];
    const xv = new Float32Array([1e3, -2.5e3, 123.456, -9876.5, 0.001, 4e4, 1e-7, -0]);
    const x = tf.tensor3d(xv, [1, 4, 2]);
    const alpha = tf.tensor3d(alphaVals, [1, 2, 1]);
    const y = snake(x, alpha);
    const ref = reference(xv, alphaVals);
    const got = y.dataSync();
    for (let i = 0; i < xv.length; i++) expect(Math.abs(got[i] - ref[i])).toBeLessThanOrEqual(Math.abs(ref[i]) * 2e-7 + 1e-6);
    tf.dispose([x, alpha, y]);
  });

  it.each([
    ['kernel', snake],
    ['ops', snakeWithOps],
  ] as const)('has correct gradients w.r.t. x and alpha (%s)', (_, f) => {
    const x = rand<tf.Rank.R3>([2, 7, 4], 32, 2);
    const alpha = tf.tensor3d([0.3, 1, 1.7, 4], [1, 4, 1]);
    expectNoLeak(() =>
      checkGradients((xx, aa) => f(xx as tf.Tensor3D, aa as tf.Tensor3D), [x, alpha], { eps: 1e-2, tol: 5e-3, samples: 20 }),
    );
    tf.dispose([x, alpha]);
  });

  it('kernel and ops gradients agree on a larger tensor', () => {
    const x = rand<tf.Rank.R3>([3, 50, 6], 33, 3);
    const alpha = tf.tensor3d([0.2, 0.9, 1, 2.5, 6, 11], [1, 6, 1]);
    const r = rand<tf.Rank.R3>([3, 50, 6], 34);
    const grads = (f: typeof snake) => tf.grads((xx: tf.Tensor, aa: tf.Tensor) => tf.sum(tf.mul(f(xx as tf.Tensor3D, aa as tf.Tensor3D), r)))([x, alpha]);
    const [gx1, ga1] = grads(snake);
    const [gx2, ga2] = grads(snakeWithOps);
    expect(relErr(gx1.dataSync(), gx2.dataSync())).toBeLessThan(1e-5);
    expect(relErr(ga1.dataSync(), ga2.dataSync())).toBeLessThan(1e-4);
    tf.dispose([x, alpha, r, gx1, ga1, gx2, ga2]);
  });
});
