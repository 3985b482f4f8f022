import * as tf from '@tensorflow/tfjs-core';
import { readSafetensors, writeSafetensors } from '@vrvq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { WeightAverage } from './ema.js';

const params = (): [string, tf.Variable][] => [
  ['a.weight', tf.variable(tf.tensor2d([[1, 2], [3, 4]]))],
  ['b.bias', tf.variable(tf.tensor1d([10]))],
];

for (const backend of ['cpu', 'wasm'] as const) describe(`WeightAverage on ${backend}`, () => {
  let ps: [string, tf.Variable][] = [];
  beforeAll(async () => {
    await useBackend(backend);
    ps = params();
  });
  afterAll(() => {
    for (const [, v] of ps) v.dispose();
  });

  it('follows avg ← d·avg + (1 − d)·w over several steps, leaving the live weights alone', async () => {
    const avg = new WeightAverage(ps, 0.9);
    const [, a] = ps[0]!;
    let expected = [1, 2, 3, 4];
    for (let k = 1; k <= 3; k++) {
      a.assign(tf.tensor2d([[k * 10, 0], [0, -k]]));
      avg.update();
      const w = [k * 10, 0, 0, -k];
      expected = expected.map((e, i) => 0.9 * e + 0.1 * (w[i] as number));
    }
    const live = Array.from(await a.data());
    expect(live).toEqual([30, 0, 0, -3]);
    const seen = await avg.withAverage(async () => Array.from(await a.data()));
    for (const [i, x] of seen.entries()) expect(x).toBeCloseTo(expected[i] as number, 5);
    expect(Array.from(await a.data())).toEqual(live); // swapped back exactly
    expect(Array.from(await ps[1]![1].data())).toEqual([10]);
    avg.dispose();
  });

  it('restores the live weights when the function throws, keeps no tensors, and reloads a saved average', async () => {
    const avg = new WeightAverage(ps, 0.5);
    const [, a] = ps[0]!;
    const before = Array.from(await a.data());
    a.assign(tf.tensor2d([[0, 0], [0, 0]]));
    avg.update(); // avg = before / 2
    const n0 = tf.memory().numTensors;
    await expect(avg.withAverage(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(Array.from(await a.data())).toEqual([0, 0, 0, 0]);
    avg.update();
    expect(tf.memory().numTensors).toBe(n0);

    const saved = await avg.withAverage(async () =>
      writeSafetensors(await Promise.all(ps.map(async ([name, v]) => ({ name, shape: v.shape, data: (await v.data()) as Float32Array }))), {}),
    );
    const other = new WeightAverage(ps, 0.5);
    other.load(readSafetensors(saved));
    expect(await other.withAverage(async () => Array.from(await a.data()))).toEqual(before.map((x) => x / 4));
    expect(() => other.load(readSafetensors(writeSafetensors([], {})))).toThrow(/missing/);
    other.dispose();
    avg.dispose();
  });

  it('refuses a decay outside [0, 1)', () => {
    expect(() => new WeightAverage(ps, 1)).toThrow(/decay/);
    expect(() => new WeightAverage(ps, -0.1)).toThrow(/decay/);
  });
});
