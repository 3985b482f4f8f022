import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { reflectPad1d, reflectPad2d } from './reflect-pad.js';
import { checkGradients, expectNoLeak, rand } from './test-helpers.js';

describe.each(['cpu', 'wasm'])('reflect padding on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('reflects without repeating the edge sample, like PyTorch', () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5], [1, 5, 1]);
    expectNoLeak(() => {
      const y = reflectPad1d(x, 3, 2);
      expect(Array.from(y.dataSync())).toEqual([4, 3, 2, 1, 2, 3, 4, 5, 4, 3]);
      y.dispose();
    });
    x.dispose();
  });

  it('pads every batch item and channel independently', () => {
    const x = tf.tensor3d([1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60], [2, 3, 2]);
    const y = reflectPad1d(x, 1, 2);
    expect(y.shape).toEqual([2, 6, 2]);
    expect(Array.from(y.dataSync())).toEqual([2, 20, 1, 10, 2, 20, 3, 30, 2, 20, 1, 10, 5, 50, 4, 40, 5, 50, 6, 60, 5, 50, 4, 40]);
    tf.dispose([x, y]);
  });

  it('passes gradients back to the reflected sources', () => {
    const x = rand<tf.Rank.R3>([2, 6, 3], 41);
    expectNoLeak(() => checkGradients((xx) => reflectPad1d(xx as tf.Tensor3D, 4, 3), [x], { samples: 36 }));
    const x4 = rand<tf.Rank.R4>([1, 5, 4, 2], 42);
    expectNoLeak(() => checkGradients((xx) => reflectPad2d(xx as tf.Tensor4D, [2, 1], [0, 3]), [x4], { samples: 40 }));
    tf.dispose([x, x4]);
  });

  it('rejects padding as long as the signal', () => {
    const x = tf.zeros([1, 4, 1]) as tf.Tensor3D;
    expect(() => reflectPad1d(x, 4, 0)).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    x.dispose();
  });
});
