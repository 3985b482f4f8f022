import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';

/**
 * z_q = Σ_k m_k · ẑ_k: the decoder input from per-level contributions and a level mask.
 * contributions: Nq × `[B, T, D]`; mask `[B, T, Nq]` (levels on the last axis) → `[B, T, D]`.
 * Differentiable w.r.t. both (the mask's gradient is how the importance map learns).
 * Levels are summed in order k = 0, 1, …, so the same inputs always give the same bits.
 */
export function maskedSum(contributions: readonly tf.Tensor3D[], mask: tf.Tensor3D): tf.Tensor3D {
  check(contributions.length > 0, 'invalid-argument', () => 'maskedSum needs at least one contribution');
  const [b, t, d] = contributions[0].shape;
  check(
    mask.rank === 3 && mask.shape[0] === b && mask.shape[1] === t && mask.shape[2] === contributions.length,
    'invalid-shape',
    () => `maskedSum: mask must be [${b}, ${t}, ${contributions.length}], got [${mask.shape}]`,
  );
  return tf.tidy(() => {
    let acc: tf.Tensor3D | null = null;
    contributions.forEach((c, k) => {
      check(tf.util.arraysEqual(c.shape, [b, t, d]), 'invalid-shape', () => `maskedSum: contribution ${k} is [${c.shape}], expected [${b}, ${t}, ${d}]`);
      const term = tf.mul(c, tf.slice(mask, [0, 0, k], [b, t, 1])) as tf.Tensor3D; // [B, T, D]
      acc = acc === null ? term : (tf.add(acc, term) as tf.Tensor3D);
    });
    return acc as unknown as tf.Tensor3D;
  });
}
