// Test helpers (not exported from the package). Backends come from core's `initBackend`, which
// registers tfjs's gradients and the kernels wasm lacks for training.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@vrvq/core';

export type TestBackend = 'cpu' | 'wasm';

export async function useBackend(name: TestBackend): Promise<void> {
  await initBackend(name);
}

/**
 * Gradient check along a direction v: returns [analytic, numeric], the analytic value ⟨∇f(x), v⟩
 * from tfjs and the numeric one a central difference of `ref`, a float64 re-implementation of f
 * (float32 finite differences are too noisy for losses built from thousands of terms).
 */
export function directionalDerivative(
  f: (x: tf.Tensor) => tf.Scalar,
  ref: (x: Float64Array) => number,
  x: Float32Array,
  shape: number[],
  v: Float32Array,
  eps = 1e-6,
): [number, number] {
  const analytic = tf.tidy(() => {
    const g = tf.grad(f)(tf.tensor(x, shape));
    return tf.sum(tf.mul(g, tf.tensor(v, shape))).dataSync()[0];
  });
  const xp = Float64Array.from(x, (a, i) => a + eps * v[i]);
  const xm = Float64Array.from(x, (a, i) => a - eps * v[i]);
  return [analytic, (ref(xp) - ref(xm)) / (2 * eps)];
}

/** Deterministic pseudo-random Float32Array in [-amp, amp] (a tiny LCG; tests only). */
export function noise(n: number, seed: number, amp = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ((s / 4294967296) * 2 - 1) * amp;
  }
  return out;
}
