import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { snake } from './snake.js';
import { checkGradients, expectNoLeak, rand, relErr } from './test-helpers.js';

describe.each(['cpu', 'wasm'])('snake on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('computes x + sin²(αx)/(α + 1e-9) per channel', () => {
    const [b, t, c] = [2, 33, 5];
    const x = rand<tf.Rank.R3>([b, t, c], 31, 4);
    const alphaVals = [0.05, 0.5, 1, 3.7, 20];
    const alpha = tf.tensor3d(alphaVals, [1, c, 1]);
    const xv = x.dataSync();
    const ref = new Float64Array(xv.length);
    for (let i = 0; i < xv.length; i++) {
      const a = alphaVals[i % c];
      ref[i] = xv[i] + Math.sin(a * xv[i]) ** 2 / (a + 1e-9);
    }
    expectNoLeak(() => {
      const y = snake(x, alpha);
      expect(y.shape).toEqual([b, t, c]);
      expect(relErr(y.dataSync(), ref)).toBeLessThan(2e-6);
      y.dispose();
    });
    tf.dispose([x, alpha]);
  });

  it('has correct gradients w.r.t. x and alpha', () => {
    const x = rand<tf.Rank.R3>([2, 7, 4], 32, 2);
    const alpha = tf.tensor3d([0.3, 1, 1.7, 4], [1, 4, 1]);
    expectNoLeak(() =>
      checkGradients((xx, aa) => snake(xx as tf.Tensor3D, aa as tf.Tensor3D), [x, alpha], { eps: 1e-2, tol: 5e-3, samples: 20 }),
    );
    tf.dispose([x, alpha]);
  });
});
