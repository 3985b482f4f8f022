import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { discriminatorLoss, featureMatchingLoss, generatorAdversarialLoss } from './gan.js';

describe('LSGAN and feature-matching losses', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  const fakeVals = [
    [[0.5, -1, 2], [0.2, 0.4]],
    [[1, 1], [3, 0, -1, 0.5], [0.9]],
  ];
  const realVals = [
    [[0, 1, 1.5], [0.8, 1.2]],
    [[2, -1], [1, 1, 1, 1], [1.1]],
  ];
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

  it('computes LSGAN D and G losses on the last map of each sub-discriminator', () => {
    const before = tf.memory().numTensors;
    const fake = fakeVals.map((d) => d.map((m) => tf.tensor1d(m)));
    const real = realVals.map((d) => d.map((m) => tf.tensor1d(m)));
    const dl = discriminatorLoss(fake, real);
    const gl = generatorAdversarialLoss(fake);
    const expD =
      mean([0.2, 0.4].map((v) => v * v)) + mean([0.8, 1.2].map((v) => (1 - v) ** 2)) + 0.81 + 0.01;
    const expG = mean([0.2, 0.4].map((v) => (1 - v) ** 2)) + 0.01;
    expect(dl.dataSync()[0]).toBeCloseTo(expD, 6);
    expect(gl.dataSync()[0]).toBeCloseTo(expG, 6);
    tf.dispose([dl, gl, ...fake.flat(), ...real.flat()]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('feature matching sums mean-L1 over non-final maps and sends no gradient to real features', () => {
    const fake = fakeVals.map((d) => d.map((m) => tf.tensor1d(m)));
    const real = realVals.map((d) => d.map((m) => tf.tensor1d(m)));
    const fm = featureMatchingLoss(fake, real);
    const exp =
      mean([0.5, 2, 0.5]) + mean([1, 2]) + mean([2, 1, 2, 0.5]);
    expect(fm.dataSync()[0]).toBeCloseTo(exp, 6);
    const [gFake, gReal] = tf.grads((f: tf.Tensor, r: tf.Tensor) =>
      featureMatchingLoss([[f, tf.zeros([1])]], [[r, tf.zeros([1])]]),
    )([fake[0][0], real[0][0]]);
    const gf = gFake.dataSync();
    expect(gf[0]).toBeCloseTo(1 / 3, 6);
    expect(gf[1]).toBeCloseTo(-1 / 3, 6);
    expect(gf[2]).toBeCloseTo(1 / 3, 6);
    expect(Array.from(gReal.dataSync())).toEqual([0, 0, 0]);
    tf.dispose([fm, gFake, gReal, ...fake.flat(), ...real.flat()]);
  });
});
