import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './as-tensor.js';

/** Largest one-hot block (segments × rows) built at once, in elements (64 MiB of float32). */
const MAX_ONE_HOT_ELEMENTS = 1 << 24;

/**
 * `UnsortedSegmentSum` for backends that lack it (wasm): out[s] = Σ_{i: ids[i] = s} x[i].
 * Built as a one-hot matrix times x with one rank-2 matMul per block of rows; ids outside
 * [0, numSegments) are dropped, as in TensorFlow.
 *
 * x: [N, ...rest] (segmentIds may also cover several leading axes), segmentIds: [N, ...] int32
 * → [numSegments, ...rest].
 */
export function unsortedSegmentSumImpl(
  x: tf.Tensor,
  segmentIds: tf.Tensor,
  numSegments: number,
  maxOneHotElements = MAX_ONE_HOT_ELEMENTS,
): tf.Tensor {
  return tf.tidy(() => {
    const idRank = segmentIds.rank;
    const rest = x.shape.slice(idRank);
    const n = segmentIds.size;
    const r = rest.reduce((a, b) => a * b, 1);
    const ids = tf.cast(tf.reshape(segmentIds, [1, n]), 'int32'); // [1, N]
    const xs = tf.reshape(x.dtype === 'float32' ? x : tf.cast(x, 'float32'), [n, r]); // [N, R]
    const segments = tf.reshape(tf.range(0, numSegments, 1, 'int32'), [numSegments, 1]); // [S, 1]
    const block = Math.max(1, Math.floor(maxOneHotElements / Math.max(1, numSegments)));
    let acc: tf.Tensor2D | null = null;
    for (let start = 0; start < n; start += block) {
      const size = Math.min(block, n - start);
      const idsBlock = size === n ? ids : tf.slice(ids, [0, start], [1, size]); // [1, n]
      const xBlock = size === n ? xs : tf.slice(xs, [start, 0], [size, r]); // [n, R]
      const oneHotT = tf.cast(tf.equal(segments, idsBlock), 'float32') as tf.Tensor2D; // [S, n]
      const part = tf.matMul(oneHotT, xBlock as tf.Tensor2D) as tf.Tensor2D; // [S, R]
      acc = acc === null ? part : (tf.add(acc, part) as tf.Tensor2D);
    }
    const out = acc ?? tf.zeros([numSegments, r]);
    const shaped = tf.reshape(out, [numSegments, ...rest]); // [S, ...rest]
    return x.dtype === 'float32' ? shaped : tf.cast(shaped, x.dtype);
  });
}

export const unsortedSegmentSumKernel: tf.KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) => {
    const { numSegments } = attrs as unknown as { numSegments: number };
    return tf.tidy(() => unsortedSegmentSumImpl(asTensor(inputs.x!), asTensor(inputs.segmentIds!), numSegments));
  },
};
