import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { addSame } from './add-same.js';
import { expectNoLeak, rand } from './test-helpers.js';

describe.each(['cpu', 'wasm'])('addSame on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('adds, passes the gradient to both inputs (also when both are the same tensor) and leaks nothing', () => {
    const a = rand([2, 5, 3], 71);
    const b = rand([2, 5, 3], 72);
    const r = rand([2, 5, 3], 73);
    expectNoLeak(() => {
      const y = addSame(a, b);
      const sum = tf.add(a, b);
      expect(Array.from(y.dataSync())).toEqual(Array.from(sum.dataSync()));
      const [ga, gb] = tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(tf.square(addSame(u, v)), r)))([a, b]);
      const [ea, eb] = tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(tf.square(tf.add(u, v)), r)))([a, b]);
      expect(Array.from(ga.dataSync())).toEqual(Array.from(ea.dataSync()));
      expect(Array.from(gb.dataSync())).toEqual(Array.from(eb.dataSync()));
      const g2 = tf.grad((u: tf.Tensor) => tf.sum(tf.mul(addSame(u, u), r)))(a); // d/du Σ r·2u = 2r
      const twice = tf.mul(r, 2);
      expect(Array.from(g2.dataSync())).toEqual(Array.from(twice.dataSync()));
      tf.dispose([y, sum, ga, gb, ea, eb, g2, twice]);
    });
    expect(() => addSame(a, rand([2, 5, 1], 74))).toThrow(/shapes differ/);
    tf.dispose([a, b, r]);
  });
});
