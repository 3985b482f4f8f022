import type * as tf from '@tensorflow/tfjs-core';
import { snakeBackward, snakeForward } from './snake-math.js';
import { heapOffset, type SimdKernels, simdRow, withScratch } from './wasm/simd-kernels.js';

// Snake on the wasm heap with the SIMD kernels of kernels.wat: whole rows of lcm(C, 4) values in
// wasm, the few rows left over (when the element count is not a multiple of that) with the JS
// loops of snake-math.ts.

function alphaValues(k: SimdKernels, alpha: tf.TensorInfo): Float64Array {
  return Float64Array.from(k.backend.typedArrayFromHeap(alpha)); // copied before any malloc
}

/** y = x + sin²(αx)/(α + 1e-9): x [..., C], alpha C values → y (same shape as x). */
export function snakeForwardSimd(k: SimdKernels, x: tf.TensorInfo, alpha: tf.TensorInfo): tf.TensorInfo {
  const c = x.shape[x.shape.length - 1];
  const al = alphaValues(k, alpha);
  const out = k.backend.makeOutput(x.shape, 'float32');
  const n = x.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return out;
  const cp = simdRow(c);
  const rows = Math.floor(n / cp);
  withScratch(k, cp * 12, (p) => {
    const a64 = new Float64Array(k.memory.buffer, p, cp);
    const inv = new Float32Array(k.memory.buffer, p + cp * 8, cp);
    for (let j = 0; j < cp; j++) {
      a64[j] = al[j % c];
      inv[j] = 1 / (al[j % c] + 1e-9);
    }
    k.fn.snake_fwd(heapOffset(k, x), heapOffset(k, out), p, p + cp * 8, rows, cp);
  });
  const done = rows * cp;
  if (done < n) {
    const xs = k.backend.typedArrayFromHeap(x);
    const os = k.backend.typedArrayFromHeap(out);
    snakeForward(xs.subarray(done), Float32Array.from(al), os.subarray(done), c);
  }
  return out;
}

/** Backward of snakeForwardSimd: dy, x [..., C], alpha C values → dx (shape of x), dα [C]. */
export function snakeBackwardSimd(k: SimdKernels, dy: tf.TensorInfo, x: tf.TensorInfo, alpha: tf.TensorInfo): tf.TensorInfo[] {
  const c = x.shape[x.shape.length - 1];
  const al = alphaValues(k, alpha);
  const dx = k.backend.makeOutput(x.shape, 'float32');
  const da = k.backend.makeOutput([c], 'float32');
  const n = x.shape.reduce((a, b) => a * b, 1);
  const cp = simdRow(c);
  const rows = Math.floor(n / cp);
  const inv = al.map((a) => 1 / (a + 1e-9));
  const acc = new Float64Array(c); // dα in float64
  if (rows > 0) {
    withScratch(k, cp * 28, (p) => {
      const a64 = new Float64Array(k.memory.buffer, p, cp);
      const accX = new Float64Array(k.memory.buffer, p + cp * 8, cp);
      const accS = new Float64Array(k.memory.buffer, p + cp * 16, cp);
      const gain = new Float32Array(k.memory.buffer, p + cp * 24, cp);
      for (let j = 0; j < cp; j++) {
        a64[j] = al[j % c];
        gain[j] = al[j % c] * inv[j % c];
      }
      accX.fill(0);
      accS.fill(0);
      k.fn.snake_bwd(heapOffset(k, dy), heapOffset(k, x), heapOffset(k, dx), p, p + cp * 24, p + cp * 8, p + cp * 16, rows, cp);
      for (let j = 0; j < cp; j++) {
        const i = inv[j % c];
        acc[j % c] += accX[j] * i - accS[j] * i * i;
      }
    });
  }
  const done = rows * cp;
  if (done < n) {
    const dys = k.backend.typedArrayFromHeap(dy);
    const xs = k.backend.typedArrayFromHeap(x);
    const dxs = k.backend.typedArrayFromHeap(dx);
    snakeBackward(dys.subarray(done), xs.subarray(done), Float32Array.from(al), dxs.subarray(done), acc, c);
  }
  k.backend.typedArrayFromHeap(da).set(acc);
  return [dx, da];
}

/** Σ over every axis but the last, in float64: t [..., C] → [C]. */
export function sumRowsSimd(k: SimdKernels, t: tf.TensorInfo): tf.TensorInfo {
  const c = t.shape[t.shape.length - 1];
  const out = k.backend.makeOutput([c], 'float32');
  const n = t.shape.reduce((a, b) => a * b, 1);
  const cp = simdRow(c);
  const rows = Math.floor(n / cp);
  const acc = new Float64Array(c);
  if (rows > 0) {
    withScratch(k, cp * 8, (p) => {
      const a = new Float64Array(k.memory.buffer, p, cp);
      a.fill(0);
      k.fn.sum_rows(heapOffset(k, t), p, rows, cp);
      for (let j = 0; j < cp; j++) acc[j % c] += a[j];
    });
  }
  const v = k.backend.typedArrayFromHeap(t);
  for (let i = rows * cp; i < n; i += c) for (let j = 0; j < c; j++) acc[j] += v[i + j];
  k.backend.typedArrayFromHeap(out).set(acc);
  return out;
}
