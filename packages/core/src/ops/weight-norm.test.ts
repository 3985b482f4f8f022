import * as tf from '@tensorflow/tfjs-core';
import { weightNorm } from '@vrvq/rvq';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { checkGradients, expectNoLeak, rand } from './test-helpers.js';
import { weightNormFused } from './weight-norm.js';

/** max |a − b| / max(1, max |b|): for references that may be (rounding noise around) zero. */
function err(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 1;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

describe.each(['cpu', 'wasm'])('weightNormFused on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each([
    [[4, 3, 7], [4, 1, 1]],
    [[3, 5, 2, 2], [3, 1, 1, 1]],
    [[6, 1, 1], [6, 1, 1]], // rows of one value: w = g·sign(v), no gradient to v
  ])('equals g·v/‖v‖ of the tfjs-op version, value and gradients (v %j)', (vShape, gShape) => {
    const v = rand(vShape as number[], 61);
    const g = rand(gShape as number[], 62, 2);
    const r = rand(vShape as number[], 63);
    expectNoLeak(() => {
      const a = weightNormFused(g, v);
      const b = weightNorm(g, v);
      expect(a.shape).toEqual(vShape);
      expect(err(a.dataSync(), b.dataSync())).toBeLessThan(1e-6);
      const loss = (f: typeof weightNorm) => (gg: tf.Tensor, vv: tf.Tensor) => tf.sum(tf.mul(f(gg, vv), r));
      const ga = tf.grads(loss(weightNormFused))([g, v]);
      const gb = tf.grads(loss(weightNorm))([g, v]);
      expect(err(ga[0].dataSync(), gb[0].dataSync())).toBeLessThan(1e-5);
      expect(err(ga[1].dataSync(), gb[1].dataSync())).toBeLessThan(1e-5);
      tf.dispose([a, b, ...ga, ...gb]);
    });
    expectNoLeak(() => checkGradients((gg, vv) => weightNormFused(gg, vv), [g, v], { eps: 1e-2, tol: 5e-3 }));
    tf.dispose([v, g, r]);
  });
});
