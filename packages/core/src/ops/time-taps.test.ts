import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { expectNoLeak, rand, relErr } from './test-helpers.js';
import { conv1dWeightGrad } from './time-taps.js';

/** dW[co, ci, k] = Σ_{b,t} xp[b, t·s + k·d, ci] · dy[b, t, co] in float64, xp = x zero-padded by pl. */
function reference(x: Float32Array, [b, t, cin]: number[], dy: Float32Array, [, tOut, cout]: number[], k: number, s: number, d: number, pl: number) {
  const out = new Float64Array(cout * cin * k);
  for (let bi = 0; bi < b; bi++)
    for (let tt = 0; tt < tOut; tt++)
      for (let kk = 0; kk < k; kk++) {
        const i = tt * s + kk * d - pl;
        if (i < 0 || i >= t) continue;
        for (let ci = 0; ci < cin; ci++)
          for (let co = 0; co < cout; co++) out[(co * cin + ci) * k + kk] += x[(bi * t + i) * cin + ci] * dy[(bi * tOut + tt) * cout + co];
      }
  return out;
}

describe.each(['cpu', 'wasm'])('conv1dWeightGrad on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each([
    // k, s, d, pl, pr, im2col budget (floats): whole, and small enough to split the taps into groups
    [7, 1, 3, 9, 9, 2 ** 22],
    [7, 1, 3, 9, 9, 400],
    [8, 4, 1, 2, 2, 2 ** 22],
    [8, 4, 1, 2, 2, 300],
    [3, 1, 1, 0, 4, 100],
  ])('equals a float64 sum (k=%i s=%i d=%i pad %i/%i, budget %i)', (k, s, d, pl, pr, budget) => {
    const [b, t, cin, cout] = [2, 23, 16, 5]; // 16 channels: groups of ⌈64/16⌉ = 4 taps under a small budget
    const tOut = Math.floor((t + pl + pr - d * (k - 1) - 1) / s) + 1;
    const x = rand<tf.Rank.R3>([b, t, cin], 51);
    const dy = rand<tf.Rank.R3>([b, tOut, cout], 52);
    const ref = reference(x.dataSync() as Float32Array, x.shape, dy.dataSync() as Float32Array, dy.shape, k, s, d, pl);
    expectNoLeak(() => {
      const dw = conv1dWeightGrad(x, dy, k, s, d, pl, pr, budget);
      expect(dw.shape).toEqual([cout, cin, k]);
      expect(relErr(dw.dataSync(), ref)).toBeLessThan(1e-5);
      dw.dispose();
    });
    tf.dispose([x, dy]);
  });
});
