import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { ADDN_MAX_INPUTS, addMany } from './add-many.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`addMany on ${backend}`, () => {
    beforeAll(async () => {
      await useBackend(backend);
    });

    it('equals one tf.addN bit for bit, for any number of inputs, and keeps gradients', () => {
      for (const n of [1, 2, ADDN_MAX_INPUTS, ADDN_MAX_INPUTS + 1, 13, 222]) {
        const terms = Array.from({ length: n }, (_, i) => tf.randomNormal([5], 0, 10 ** ((i % 7) - 3), 'float32', i + 1));
        const before = tf.memory().numTensors;
        const a = addMany(terms);
        const b = tf.addN(terms);
        expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
        tf.dispose([a, b]);
        expect(tf.memory().numTensors).toBe(before);
        const g = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(addMany(xs), tf.range(1, 6))))(terms);
        expect(g.every((t) => t.dataSync().join() === '1,2,3,4,5')).toBe(true);
        tf.dispose([...terms, ...g]);
      }
    });
  });
}
