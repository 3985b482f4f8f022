import * as tf from '@tensorflow/tfjs-core';
import { weightNorm } from '@vrvq/rvq';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { conv1d } from './conv1d.js';
import { checkGradients, expectNoLeak, rand, refConv1d, relErr } from './test-helpers.js';

interface Case {
  k: number;
  stride: number;
  dilation: number;
  padding: number | [number, number];
}

const CASES: Case[] = [
  { k: 7, stride: 1, dilation: 1, padding: 3 },
  { k: 4, stride: 2, dilation: 1, padding: 1 },
  { k: 8, stride: 4, dilation: 1, padding: 2 },
  { k: 7, stride: 1, dilation: 3, padding: 9 },
  { k: 3, stride: 1, dilation: 9, padding: 9 },
  { k: 3, stride: 1, dilation: 1, padding: [2, 0] },
  { k: 5, stride: 2, dilation: 1, padding: [0, 3] },
  { k: 3, stride: 1, dilation: 3, padding: [5, 1] },
  { k: 3, stride: 2, dilation: 3, padding: [1, 2] },
  { k: 1, stride: 1, dilation: 1, padding: 0 },
  { k: 3, stride: 1, dilation: 1, padding: [4, 1] }, // padding beyond the kernel reach
  { k: 1, stride: 1, dilation: 1, padding: [1, 2] },
];

const name = (c: Case) => `k=${c.k} s=${c.stride} d=${c.dilation} p=${JSON.stringify(c.padding)}`;

describe.each(['cpu', 'wasm'])('conv1d on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each(CASES)('matches a naive reference ($k, $stride, $dilation, $padding)', (c) => {
    const [b, t, cin, cout] = [2, 29, 3, 5];
    const x = rand<tf.Rank.R3>([b, t, cin], 1);
    const w = rand<tf.Rank.R3>([cout, cin, c.k], 2);
    const bias = rand<tf.Rank.R1>([cout], 3);
    const [pl, pr] = typeof c.padding === 'number' ? [c.padding, c.padding] : c.padding;
    const ref = refConv1d(x.dataSync() as Float32Array, x.shape, w.dataSync() as Float32Array, w.shape, bias.dataSync() as Float32Array, c.stride, c.dilation, pl, pr);
    expectNoLeak(() => {
      const y = conv1d(x, w, bias, c);
      expect(y.shape, name(c)).toEqual([b, ref.len, cout]);
      expect(relErr(y.dataSync(), ref.data), name(c)).toBeLessThan(1e-5);
      y.dispose();
    });
    tf.dispose([x, w, bias]);
  });

  it.each(CASES)('has correct gradients w.r.t. x, w and bias ($k, $stride, $dilation, $padding)', (c) => {
    const x = rand<tf.Rank.R3>([2, 19, 3], 4);
    const w = rand<tf.Rank.R3>([4, 3, c.k], 5);
    const bias = rand<tf.Rank.R1>([4], 6);
    expectNoLeak(() =>
      checkGradients((xx, ww, bb) => conv1d(xx as tf.Tensor3D, ww as tf.Tensor3D, bb as tf.Tensor1D, c), [x, w, bias]),
    );
    tf.dispose([x, w, bias]);
  });

  it('differentiates through weight norm: gradients w.r.t. g and v', () => {
    const x = rand<tf.Rank.R3>([1, 16, 3], 21);
    const v = rand<tf.Rank.R3>([4, 3, 7], 22);
    const g = tf.tensor3d([0.5, 1.5, -1, 2], [4, 1, 1]);
    expectNoLeak(() =>
      checkGradients(
        (gg, vv) => conv1d(x, weightNorm(gg, vv) as tf.Tensor3D, null, { dilation: 3, padding: 9 }),
        [g, v],
        { eps: 1e-2, tol: 5e-3, samples: 30 },
      ),
    );
    tf.dispose([x, v, g]);
  });

  it('keeps memory flat over forward + backward with variables', () => {
    const x = rand<tf.Rank.R3>([1, 40, 6], 7);
    const w = tf.variable(rand<tf.Rank.R3>([6, 6, 7], 8));
    const bias = tf.variable(rand<tf.Rank.R1>([6], 9));
    const step = () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(conv1d(x, w, bias, { dilation: 3, padding: 9 }))));
      value.dispose();
      tf.dispose(grads);
    };
    step();
    expectNoLeak(step);
    tf.dispose([x, w, bias]);
  });

  it('rejects mismatched shapes and bad options with a CoreError', () => {
    const x = tf.zeros([1, 10, 3]) as tf.Tensor3D;
    const w = tf.zeros([2, 4, 3]) as tf.Tensor3D;
    expect(() => conv1d(x, w, null)).toThrow(/channels/);
    const w2 = tf.zeros([2, 3, 3]) as tf.Tensor3D;
    expect(() => conv1d(x, w2, null, { stride: 0 })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    tf.dispose([x, w, w2]);
  });
});
