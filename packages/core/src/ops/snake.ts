import * as tf from '@tensorflow/tfjs-core';
import { check } from './check.js';
import { customOp } from './custom-op.js';
import { loopKernelsActive } from './loop-kernels.js';
import { registerSnakeKernels, SNAKE_GRAD_KERNEL, SNAKE_KERNEL } from './snake-kernels.js';
import { sumRows } from './sum-rows.js';

const EPS = 1e-9;

/** Snake from tfjs ops, for backends without the loop kernels (WebGPU, user backends). */
const snakeFromOps = customOp(([x, alpha], save) => {
  const c = alpha.size;
  const a = tf.reshape(alpha, [1, 1, c]); // [1, 1, C]
  const inv = tf.reciprocal(tf.add(a, EPS)); // [1, 1, C]
  const s2 = tf.square(tf.sin(tf.mul(x, a))); // [B, T, C]  sin²(αx)
  const value = tf.add(x, tf.mul(s2, inv)); // [B, T, C]
  save([x, alpha, s2]);
  return {
    value,
    gradFunc: (dy, saved) => {
      const [xs, al, sq] = saved;
      const a1 = tf.reshape(al, [1, 1, c]); // [1, 1, C]
      const inv1 = tf.reciprocal(tf.add(a1, EPS)); // [1, 1, C]
      const sin2 = tf.sin(tf.mul(xs, tf.mul(a1, 2))); // [B, T, C]  sin(2αx) = d sin²(αx) / d(αx)
      const t = tf.mul(dy, sin2); // [B, T, C]
      // ∂y/∂x = 1 + α/(α+ε) · sin(2αx)
      const dx = tf.add(dy, tf.mul(t, tf.mul(a1, inv1))); // [B, T, C]
      // ∂y/∂α = x · sin(2αx)/(α+ε) − sin²(αx)/(α+ε)²
      const gx = sumRows(tf.mul(t, xs)); // [C]
      const gs = sumRows(tf.mul(dy, sq)); // [C]
      const invC = tf.reshape(inv1, [c]); // [C]
      const da = tf.sub(tf.mul(gx, invC), tf.mul(gs, tf.square(invC))); // [C]
      return [dx, tf.reshape(da, al.shape)];
    },
  };
});

/** Snake as one loop kernel each way (cpu, wasm): saves only x and α for backward. */
const snakeFromKernels = customOp(([x, alpha], save) => {
  const value = tf.engine().runKernel(SNAKE_KERNEL, { x, alpha }) as tf.Tensor; // [B, T, C]
  save([x, alpha]);
  return {
    value,
    gradFunc: (dy, saved) => {
      const [xs, al] = saved;
      const [dx, da] = tf.engine().runKernel(SNAKE_GRAD_KERNEL, { dy, x: xs, alpha: al }) as tf.Tensor[]; // [B, T, C], [C]
      return [dx, tf.reshape(da, al.shape)];
    },
  };
});

/** Whether `snake` runs as loop kernels on the active backend (else as tfjs ops). */
export function snakeUsesKernels(): boolean {
  return loopKernelsActive();
}

/**
 * Snake activation (DAC): x + 1/(α + 1e-9) · sin²(α x), per channel.
 * x [B, T, C], alpha [1, C, 1] (PyTorch layout) → [B, T, C]. Differentiable w.r.t. x and α.
 * On cpu and wasm one fused loop each way; elsewhere tfjs ops.
 */
export function snake(x: tf.Tensor3D, alpha: tf.Tensor3D): tf.Tensor3D {
  checkArgs(x, alpha);
  if (snakeUsesKernels()) {
    registerSnakeKernels();
    return snakeFromKernels(x, alpha) as tf.Tensor3D;
  }
  return snakeFromOps(x, alpha) as tf.Tensor3D;
}

/** `snake` always built from tfjs ops (the non-cpu/wasm path), for tests and benchmarks. */
export function snakeWithOps(x: tf.Tensor3D, alpha: tf.Tensor3D): tf.Tensor3D {
  checkArgs(x, alpha);
  return snakeFromOps(x, alpha) as tf.Tensor3D;
}

function checkArgs(x: tf.Tensor3D, alpha: tf.Tensor3D): void {
  const c = x.shape[2];
  check(x.rank === 3, () => `snake: expected x [B, T, C], got ${x.shape}`);
  check(alpha.size === c, () => `snake: alpha has ${alpha.size} values for ${c} channels`);
  check(x.dtype === 'float32' && alpha.dtype === 'float32', () => 'snake: x and alpha must be float32');
}
