import * as tf from '@tensorflow/tfjs-core';
import { check } from './check.js';
import { customOp } from './custom-op.js';
import { sumRows } from './sum-rows.js';

const EPS = 1e-9;

const snakeGrad = customOp(([x, alpha], save) => {
  const c = alpha.size;
  const a = tf.reshape(alpha, [1, 1, c]); // [1, 1, C]
  const inv = tf.reciprocal(tf.add(a, EPS)); // [1, 1, C]
  const s = tf.sin(tf.mul(x, a)); // [B, T, C]
  const s2 = tf.square(s); // [B, T, C]  sin²(αx), kept for dα
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

/**
 * Snake activation (DAC): x + 1/(α + 1e-9) · sin²(α x), per channel.
 * x [B, T, C], alpha [1, C, 1] (PyTorch layout) → [B, T, C]. Differentiable w.r.t. x and α
 * with one sine in the forward pass and one in the backward pass.
 */
export function snake(x: tf.Tensor3D, alpha: tf.Tensor3D): tf.Tensor3D {
  const c = x.shape[2];
  check(alpha.size === c, () => `snake: alpha has ${alpha.size} values for ${c} channels`);
  return snakeGrad(x, alpha) as tf.Tensor3D;
}
