import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { stopGradient } from './stop-gradient.js';
import { expectNoLeak } from './test-helpers.js';

describe.each(['cpu', 'wasm'])('stopGradient on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('passes values forward and blocks the gradient', () => {
    const x = tf.tensor1d([1, -2, 3]);
    expectNoLeak(() => {
      const y = stopGradient(x);
      expect(Array.from(y.dataSync())).toEqual([1, -2, 3]);
      y.dispose();
      // d/dx [x² + sg(x)²] = 2x: only the unstopped path contributes.
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.add(tf.square(v), tf.square(stopGradient(v)))))(x);
      expect(Array.from(g.dataSync())).toEqual([2, -4, 6]);
      g.dispose();
    });
    x.dispose();
  });

  it('gives the straight-through estimator x + sg(q − x) a unit gradient', () => {
    const x = tf.tensor1d([0.2, 1.7, -0.6]);
    expectNoLeak(() => {
      const f = (v: tf.Tensor) => tf.sum(tf.mul(tf.add(v, stopGradient(tf.sub(tf.round(v), v))), tf.tensor1d([1, 2, 3])));
      const y = tf.tidy(() => f(x));
      expect(y.dataSync()[0]).toBeCloseTo(0 + 2 * 2 + 3 * -1, 5);
      y.dispose();
      const g = tf.grad(f)(x);
      expect(Array.from(g.dataSync())).toEqual([1, 2, 3]);
      g.dispose();
    });
    x.dispose();
  });
});
