import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend.js';
import { conv2dBackpropFilterImpl } from './conv2d-backprop-filter.js';
import { unsortedSegmentSumImpl } from './unsorted-segment-sum.js';

function randn(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

/** Runs f on cpu and on wasm with the same inputs (created per backend from the same values). */
async function onBoth<T extends tf.Tensor | tf.Tensor[]>(
  make: () => tf.Tensor[],
  f: (...xs: tf.Tensor[]) => T,
): Promise<{ cpu: Float32Array[]; wasm: Float32Array[] }> {
  const out: Record<string, Float32Array[]> = {};
  let vals: Array<{ v: Float32Array | Int32Array; shape: number[]; dtype: tf.DataType }> | null = null;
  for (const b of ['cpu', 'wasm']) {
    await initBackend(b);
    if (vals === null) {
      const ts = make();
      vals = ts.map((t) => ({ v: t.dataSync() as Float32Array | Int32Array, shape: t.shape, dtype: t.dtype }));
      tf.dispose(ts);
    }
    const inputs = vals.map(({ v, shape, dtype }) => tf.tensor(v, shape, dtype));
    const before = tf.memory().numTensors;
    const r = f(...inputs);
    const rs = Array.isArray(r) ? r : [r];
    out[b] = rs.map((t) => t.dataSync().slice() as Float32Array);
    tf.dispose(rs);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(inputs);
  }
  return { cpu: out.cpu, wasm: out.wasm };
}

function maxRel(a: Float32Array, b: Float32Array): number {
  let num = 0;
  let den = 1e-12;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

describe('wasm Conv2DBackpropFilter', () => {
  const cases: Array<{ x: number[]; f: number[]; strides: [number, number]; pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding }> = [
    { x: [2, 9, 11, 3], f: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
    { x: [1, 12, 10, 2], f: [5, 1, 2, 3], strides: [3, 1], pad: 'valid' },
    { x: [2, 7, 16, 3], f: [3, 9, 3, 2], strides: [1, 2], pad: 'same' },
    {
      x: [1, 10, 9, 4],
      f: [2, 4, 4, 5],
      strides: [2, 3],
      pad: [
        [0, 0],
        [1, 0],
        [2, 1],
        [0, 0],
      ],
    },
  ];
  it.each(cases)('matches cpu for the filter gradient of tf.conv2d (%o)', async (c) => {
    const { cpu, wasm } = await onBoth(
      () => [randn(c.x, 1), randn(c.f, 2)],
      (x, f) =>
        tf.grad((ff: tf.Tensor) => tf.sum(tf.sin(tf.conv2d(x as tf.Tensor4D, ff as tf.Tensor4D, c.strides, c.pad))))(f),
    );
    expect(maxRel(wasm[0], cpu[0])).toBeLessThan(1e-5);
  });

  it('gives the same result when the im2col is built in blocks', async () => {
    await initBackend('wasm');
    const x = randn([2, 8, 9, 3], 3) as tf.Tensor4D;
    const dy = randn([2, 8, 9, 5], 4) as tf.Tensor4D;
    const whole = conv2dBackpropFilterImpl(x, dy, [3, 3, 3, 5], [1, 1], 'same');
    const blocked = conv2dBackpropFilterImpl(x, dy, [3, 3, 3, 5], [1, 1], 'same', undefined, 2 * 3 * 144);
    // (two taps of 3 channels × 144 positions per block)
    expect(maxRel(blocked.dataSync() as Float32Array, whole.dataSync() as Float32Array)).toBeLessThan(1e-6);
    tf.dispose([x, dy, whole, blocked]);
  });
});

describe('wasm UnsortedSegmentSum', () => {
  it('matches cpu for the gradient of tf.gather (repeated indices accumulate)', async () => {
    const { cpu, wasm } = await onBoth(
      () => [randn([10, 4], 5), tf.tensor1d([3, 0, 3, 9, 3, 1, 0], 'int32')],
      (table, idx) => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idx), tf.reshape(tf.range(1, 29), [7, 4]))))(table),
    );
    expect(maxRel(wasm[0], cpu[0])).toBeLessThan(1e-6);
    // row 3 gathered three times: (1+9+17, 2+10+18, ...) summed
    expect(Array.from(wasm[0].slice(12, 16))).toEqual([1 + 9 + 17, 2 + 10 + 18, 3 + 11 + 19, 4 + 12 + 20]);
  });

  it('drops out-of-range ids and handles several id axes, in blocks or not', async () => {
    await initBackend('wasm');
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2]);
    const ids = tf.tensor2d([2, -1, 0, 2, 5, 1], [2, 3], 'int32');
    const expected = [5, 6, 11, 12, 1 + 7, 2 + 8];
    const direct = tf.unsortedSegmentSum(x, ids as unknown as tf.Tensor1D, 3);
    expect(direct.shape).toEqual([3, 2]);
    expect(Array.from(direct.dataSync())).toEqual(expected);
    const blocked = unsortedSegmentSumImpl(x, ids, 3, 6);
    expect(Array.from(blocked.dataSync())).toEqual(expected);
    tf.dispose([x, ids, direct, blocked]);
  });
});

describe('wasm Slice (patched: no full copy of the input)', () => {
  const cases: Array<{ shape: number[]; begin: number[]; size: number[]; dtype: 'float32' | 'int32' | 'bool' }> = [
    { shape: [4, 7, 5], begin: [1, 2, 0], size: [2, 3, 5], dtype: 'float32' },
    { shape: [4, 7, 5], begin: [0, 0, 1], size: [4, 7, 3], dtype: 'float32' },
    { shape: [3, 6], begin: [1, 0], size: [2, -1], dtype: 'int32' },
    { shape: [2, 3, 4, 5, 2], begin: [1, 0, 2, 1, 0], size: [1, 3, 2, 3, 1], dtype: 'float32' },
    { shape: [2, 2, 3, 2, 2, 3], begin: [0, 1, 1, 0, 1, 0], size: [2, 1, 2, 2, 1, 3], dtype: 'int32' },
    { shape: [10], begin: [3], size: [4], dtype: 'bool' },
    { shape: [5, 4], begin: [2, 1], size: [0, 2], dtype: 'float32' },
    { shape: [6, 8], begin: [0, 0], size: [6, 8], dtype: 'float32' },
  ];
  it.each(cases)('matches cpu (%o)', async ({ shape, begin, size, dtype }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const vals = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? i % 3 === 0 : i * 7 - 11)) as number[];
    const results: Array<number[]> = [];
    for (const b of ['cpu', 'wasm']) {
      await initBackend(b);
      const x = tf.tensor(vals, shape, dtype);
      const before = tf.memory().numTensors;
      const y = tf.slice(x, begin, size);
      results.push([...y.shape, -1, ...Array.from(y.dataSync())]);
      y.dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    }
    expect(results[1]).toEqual(results[0]);
  });
});

describe('wasm Conv2DBackpropInput (patched: polyphase native conv)', () => {
  const cases: Array<{ x: number[]; f: number[]; strides: [number, number]; pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding }> = [
    { x: [2, 9, 11, 3], f: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
    { x: [1, 12, 10, 2], f: [5, 1, 2, 3], strides: [3, 1], pad: 'valid' },
    { x: [2, 7, 16, 3], f: [3, 9, 3, 2], strides: [1, 2], pad: 'same' },
    { x: [1, 13, 9, 4], f: [4, 2, 4, 5], strides: [2, 3], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
    { x: [1, 10, 10, 2], f: [2, 2, 2, 3], strides: [4, 3], pad: 'valid' },
  ];
  it.each(cases)('matches cpu for the input gradient of tf.conv2d (%o)', async (c) => {
    const { cpu, wasm } = await onBoth(
      () => [randn(c.x, 6), randn(c.f, 7)],
      (x, f) => tf.grad((xx: tf.Tensor) => tf.sum(tf.sin(tf.conv2d(xx as tf.Tensor4D, f as tf.Tensor4D, c.strides, c.pad))))(x),
    );
    expect(maxRel(wasm[0], cpu[0])).toBeLessThan(1e-5);
  });

  it('matches cpu for tf.conv2dTranspose and the input gradient of tf.conv1d', async () => {
    const { cpu, wasm } = await onBoth(
      () => [randn([2, 6, 5, 3], 8), randn([4, 3, 2, 3], 9), randn([2, 30, 4], 10), randn([5, 4, 6], 11), randn([2, 7, 5, 3], 14)],
      (x, f, x1, f1, x7) => [
        tf.conv2dTranspose(x as tf.Tensor4D, f as tf.Tensor4D, [2, 14, 11, 2], [2, 2], 'valid'),
        tf.conv2dTranspose(x7 as tf.Tensor4D, f as tf.Tensor4D, [2, 13, 9, 2], [2, 2], 'same'),
        tf.grad((v: tf.Tensor) => tf.sum(tf.square(tf.conv1d(v as tf.Tensor3D, f1 as tf.Tensor3D, 3, 'same'))))(x1),
      ],
    );
    expect(maxRel(wasm[0], cpu[0])).toBeLessThan(1e-5);
    expect(maxRel(wasm[1], cpu[1])).toBeLessThan(1e-5);
    expect(maxRel(wasm[2], cpu[2])).toBeLessThan(1e-5);
  });

  it('handles NCHW like NHWC', async () => {
    await initBackend('wasm');
    const dy = randn([1, 4, 5, 3], 12) as tf.Tensor4D;
    const filter = randn([3, 2, 2, 3], 13) as tf.Tensor4D;
    const attrs = { strides: [2, 2], pad: 'same', dimRoundingMode: undefined };
    const nhwc = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, { ...attrs, dataFormat: 'NHWC', inputShape: [1, 8, 9, 2] } as never) as tf.Tensor;
    const dyC = tf.transpose(dy, [0, 3, 1, 2]);
    const nchw = tf.engine().runKernel('Conv2DBackpropInput', { dy: dyC, filter }, { ...attrs, dataFormat: 'NCHW', inputShape: [1, 2, 8, 9] } as never) as tf.Tensor;
    const back = tf.transpose(nchw, [0, 2, 3, 1]);
    expect(maxRel(back.dataSync() as Float32Array, nhwc.dataSync() as Float32Array)).toBeLessThan(1e-6);
    tf.dispose([dy, filter, nhwc, dyC, nchw, back]);
  });
});
