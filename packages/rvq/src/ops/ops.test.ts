import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Rng } from '../nn/rng.js';
import { describeBackends, values } from '../testing/backends.js';
import { gatherRows } from './gather-rows.js';
import { stopGradient } from './stop-gradient.js';
import { straightThrough } from './straight-through.js';

describeBackends('ops', () => {
  it('stopGradient passes the value and blocks the gradient', () => {
    const x = tf.tensor1d([1, -2, 3]);
    const before = tf.memory().numTensors;
    // d/dx [x·sg(x) + x] = sg(x) + 1, not 2x + 1.
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.add(tf.mul(v, stopGradient(v)), v)))(x);
    expect(values(g)).toEqual([2, -1, 4]);
    g.dispose();
    const y = stopGradient(x);
    expect(values(y)).toEqual([1, -2, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('straightThrough forwards the value bit for bit and passes the gradient unchanged', () => {
    const rng = new Rng(5);
    const a = tf.tensor2d(Array.from({ length: 12 }, () => rng.normal()), [3, 4]);
    const b = tf.tensor2d(Array.from({ length: 12 }, () => rng.normal() * 1e3), [3, 4]);
    const w = tf.tensor2d(Array.from({ length: 12 }, () => rng.normal()), [3, 4]);
    const before = tf.memory().numTensors;
    const y = straightThrough(a, b);
    expect(values(y)).toEqual(values(b));
    y.dispose();
    // d/da Σ w ⊙ st(a², b) = w ⊙ 2a.
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(w, straightThrough(tf.square(v), b))))(a);
    const av = values(a);
    const wv = values(w);
    values(g).forEach((gi, i) => {
      expect(gi).toBeCloseTo(2 * av[i] * wv[i], 5);
    });
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const wrong = tf.reshape(w, [4, 3]);
    expect(() => straightThrough(a, wrong)).toThrow(/shapes differ/);
    tf.dispose([a, b, w, wrong]);
  });

  it('gatherRows returns table rows and scatters the gradient back, summing duplicate indices', () => {
    const rng = new Rng(9);
    const k = 7;
    const c = 3;
    const tableData = Array.from({ length: k * c }, () => rng.normal());
    const idx = [3, 0, 3, 6, 1, 3];
    const table = tf.tensor2d(tableData, [k, c]);
    const indices = tf.tensor1d(idx, 'int32');
    const dy = Array.from({ length: idx.length * c }, () => rng.normal());
    const dyT = tf.tensor2d(dy, [idx.length, c]);
    const before = tf.memory().numTensors;
    const rows = gatherRows(table, indices);
    expect(values(rows)).toEqual(idx.flatMap((i) => tableData.slice(i * c, i * c + c)).map(Math.fround));
    rows.dispose();
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gatherRows(t as tf.Tensor2D, indices), dyT)))(table);
    const expected = new Array<number>(k * c).fill(0);
    idx.forEach((i, n) => {
      for (let j = 0; j < c; j++) expected[i * c + j] += dy[n * c + j];
    });
    values(g).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i], 5);
    });
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([table, indices, dyT]);
  });
});
