import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { conv2d } from './conv2d.js';
import { checkGradients, expectNoLeak, rand, refConv2d, relErr } from './test-helpers.js';

interface Case {
  k: [number, number];
  stride: [number, number];
  padding: [[number, number], [number, number]];
}

// MPD (kernel (5,1), stride (3,1), pad (2,0)) and MRD (k (3,9), stride (1,2), pad (1,4)) shapes plus asymmetric pads.
const CASES: Case[] = [
  { k: [5, 1], stride: [3, 1], padding: [[2, 2], [0, 0]] },
  { k: [3, 9], stride: [1, 2], padding: [[1, 1], [4, 4]] },
  { k: [3, 3], stride: [1, 1], padding: [[1, 1], [1, 1]] },
  { k: [3, 2], stride: [2, 1], padding: [[0, 2], [1, 0]] },
  { k: [2, 3], stride: [2, 2], padding: [[1, 0], [0, 2]] },
  { k: [1, 2], stride: [3, 4], padding: [[0, 0], [0, 0]] },
];

describe.each(['cpu', 'wasm'])('conv2d on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each(CASES)('matches a naive reference (k=$k s=$stride p=$padding)', (c) => {
    const x = rand<tf.Rank.R4>([2, 11, 10, 3], 21);
    const w = rand<tf.Rank.R4>([4, 3, ...c.k], 22);
    const bias = rand<tf.Rank.R1>([4], 23);
    const ref = refConv2d(x.dataSync() as Float32Array, x.shape, w.dataSync() as Float32Array, w.shape, bias.dataSync() as Float32Array, c.stride, c.padding);
    expectNoLeak(() => {
      const y = conv2d(x, w, bias, c);
      expect(y.shape).toEqual([2, ref.oh, ref.ow, 4]);
      expect(relErr(y.dataSync(), ref.data)).toBeLessThan(1e-5);
      y.dispose();
    });
    tf.dispose([x, w, bias]);
  });

  it.each(CASES)('has correct gradients w.r.t. x, w and bias (k=$k s=$stride p=$padding)', (c) => {
    const x = rand<tf.Rank.R4>([2, 7, 9, 2], 24);
    const w = rand<tf.Rank.R4>([3, 2, ...c.k], 25);
    const bias = rand<tf.Rank.R1>([3], 26);
    expectNoLeak(() =>
      checkGradients((xx, ww, bb) => conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D, c), [x, w, bias]),
    );
    tf.dispose([x, w, bias]);
  });
});
