import * as tf from '@tensorflow/tfjs-core';
import { loopKernelsActive, registerLoopKernel, runLoop } from './loop-kernels.js';
import { sumRowsSimd } from './snake-simd.js';
import { simdKernels } from './wasm/simd-kernels.js';

const SUM_ROWS_KERNEL = 'VrvqSumRows';
let registered = false;

function register(): void {
  if (registered) return;
  registerLoopKernel(SUM_ROWS_KERNEL, (kind) => ({ inputs, backend }) => {
    const t = inputs.x!;
    const simd = kind === 'wasm' ? simdKernels(backend) : null;
    if (simd) return sumRowsSimd(simd, t);
    const c = t.shape[t.shape.length - 1];
    return runLoop(kind, backend, [t], [[c]], ([v], [out]) => {
      const acc = new Float64Array(c);
      for (let i = 0; i < v.length; i += c) for (let j = 0; j < c; j++) acc[j] += v[i + j];
      out.set(acc);
    })[0];
  });
  registered = true;
}

/**
 * Sum over every axis but the last: t [..., C] → [C]. On cpu and wasm one loop (SIMD on wasm; wasm reduces
 * non-innermost axes by transposing first, and a matMul with a row of ones would pack all of t).
 * Not differentiable itself: it is meant for gradient functions (bias, per-channel parameters).
 */
export function sumRows(t: tf.Tensor): tf.Tensor1D {
  const c = t.shape[t.rank - 1];
  if (loopKernelsActive() && t.dtype === 'float32') {
    register();
    return tf.engine().runKernel(SUM_ROWS_KERNEL, { x: t }) as tf.Tensor1D;
  }
  return tf.tidy(() => tf.sum(tf.reshape(t, [t.size / c, c]), 0) as tf.Tensor1D);
}
