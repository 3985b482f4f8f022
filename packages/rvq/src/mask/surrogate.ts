import * as tf from '@tensorflow/tfjs-core';
import { RvqError, check } from '../errors.js';
import { customOp } from '../ops/custom-op.js';

/**
 * Which gradient the straight-through mask uses (the forward is always the hard step):
 * - `'logcosh'` — VRVQ's proposed f_α(x) = ½ + (1/2α)·ln[cosh(α(x+½)) / cosh(α(x−½))];
 * - `'ramp'` — the Mentzer et al. baseline: gradient of clip(x, 0, 1), i.e. 1 only on 0 < x < 1
 *   (per frame only the last active level learns);
 * - `'sigmoid'` — σ(α·x).
 */
export type SurrogateKind = 'logcosh' | 'ramp' | 'sigmoid';

/**
 * ln cosh(u), overflow-free for any |u|: |u| + log1p(e^{−2|u|}) − ln 2. Its autodiff gradient is
 * exactly tanh(u) (the sign of `abs`'s gradient at 0 is multiplied by tanh(0) = 0). Any shape.
 */
export function logCosh(u: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const a = tf.abs(u);
    return tf.sub(tf.add(a, tf.log1p(tf.exp(tf.mul(a, -2)))), Math.LN2);
  });
}

/**
 * f_α(x) = ½ + (1/2α)·[ln cosh(α(x+½)) − ln cosh(α(x−½))], elementwise, finite value and gradient
 * for every finite x and α > 0; f′_α(x) = ½[tanh(α(x+½)) − tanh(α(x−½))].
 */
export function logCoshSurrogate(x: tf.Tensor, alpha: number): tf.Tensor {
  check(alpha > 0 && Number.isFinite(alpha), 'invalid-argument', () => `surrogate alpha must be a positive number, got ${alpha}`);
  return tf.tidy(() => {
    const up = logCosh(tf.mul(tf.add(x, 0.5), alpha));
    const down = logCosh(tf.mul(tf.sub(x, 0.5), alpha));
    return tf.add(tf.mul(tf.sub(up, down), 1 / (2 * alpha)), 0.5);
  });
}

const rampOp = customOp(([x], save) => {
  save([x]);
  return {
    value: tf.clipByValue(x, 0, 1),
    // Open interval on purpose: at integer thresholds (x = 0 or 1) the baseline gives no gradient.
    gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) =>
      tf.tidy(() => tf.mul(dy, tf.cast(tf.logicalAnd(tf.greater(xs, 0), tf.less(xs, 1)), 'float32'))),
  };
});

/** clip(x, 0, 1) with gradient 1 exactly on 0 < x < 1 and 0 elsewhere (the ramp baseline). */
export function rampSurrogate(x: tf.Tensor): tf.Tensor {
  return rampOp(x);
}

/** The soft function whose gradient the straight-through mask uses; x = s − k, any shape. */
export function surrogate(x: tf.Tensor, kind: SurrogateKind, alpha: number): tf.Tensor {
  switch (kind) {
    case 'logcosh':
      return logCoshSurrogate(x, alpha);
    case 'ramp':
      return rampSurrogate(x);
    case 'sigmoid':
      check(alpha > 0 && Number.isFinite(alpha), 'invalid-argument', () => `surrogate alpha must be a positive number, got ${alpha}`);
      return tf.tidy(() => tf.sigmoid(tf.mul(x, alpha)));
    default:
      throw new RvqError('invalid-argument', `unknown surrogate '${String(kind)}' (use 'logcosh', 'ramp' or 'sigmoid')`);
  }
}

/** Closed-form f_α(x) on numbers (float64), for plots, tests and documentation. */
export function logCoshSurrogateValue(x: number, alpha: number): number {
  const lc = (u: number) => Math.abs(u) + Math.log1p(Math.exp(-2 * Math.abs(u))) - Math.LN2;
  return 0.5 + (lc(alpha * (x + 0.5)) - lc(alpha * (x - 0.5))) / (2 * alpha);
}

/** Closed-form f′_α(x) = ½[tanh(α(x+½)) − tanh(α(x−½))] on numbers (float64). */
export function logCoshSurrogateDerivative(x: number, alpha: number): number {
  return 0.5 * (Math.tanh(alpha * (x + 0.5)) - Math.tanh(alpha * (x - 0.5)));
}
