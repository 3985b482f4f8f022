import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { straightThrough } from '../ops/straight-through.js';
import { type SurrogateKind, surrogate } from './surrogate.js';

/** Gradient estimator settings for the importance → mask step. */
export interface MaskEstimator {
  /** Surrogate whose gradient is used (forward is always the hard mask). Default `'logcosh'`. */
  estimator?: SurrogateKind;
  /** α of `'logcosh'` / `'sigmoid'`. Default 2 (the main VRVQ config). */
  alpha?: number;
}

/**
 * Hard VRVQ mask from scaled importance s: m_k = H(s − k) for 0-based levels k = 0…Nq−1 with
 * H(x) = 1 for x ≥ 0 (so H(0) = 1 and level 0 is always on for s ≥ 0; n = min(Nq, ⌊s⌋ + 1)).
 * s `[B, T, 1]` → float32 0/1 `[B, T, Nq]`. No gradient.
 */
export function hardMask(s: tf.Tensor3D, nCodebooks: number): tf.Tensor3D {
  checkS(s, nCodebooks);
  return tf.tidy(() => tf.cast(tf.greaterEqual(levelOffsets(s, nCodebooks), 0), 'float32') as tf.Tensor3D);
}

/**
 * Per-item scale ℓ·Nq as a `[B, 1, 1]` tensor. `level` is one ℓ for every item or one per item.
 * The product is rounded to float32 once (JS computes ℓ·Nq in float64), which is what
 * {@link countsFromImportance} mirrors on plain arrays.
 */
export function levelScale(level: number | ArrayLike<number>, batch: number, nCodebooks: number): tf.Tensor3D {
  const levels = typeof level === 'number' ? new Array<number>(batch).fill(level) : Array.from(level);
  check(levels.length === batch, 'invalid-argument', () => `expected ${batch} levels (one per item), got ${levels.length}`);
  for (const l of levels) check(Number.isFinite(l) && l >= 0, 'invalid-argument', () => `level ℓ must be a finite number ≥ 0, got ${l}`);
  return tf.tensor3d(
    levels.map((l) => l * nCodebooks),
    [batch, 1, 1],
    'float32',
  );
}

/**
 * VRVQ importance → mask with a straight-through estimator: s = ℓ·Nq·p,
 * m_k = f(s − k) + sg(H(s − k) − f(s − k)), so the forward value is **exactly** the hard mask
 * and the backward pass uses ∂f/∂s (times ℓ·Nq into p).
 *
 * p `[B, T, 1]` (the raw sigmoid output), level: ℓ for all items or one per item →
 * float32 `[B, T, Nq]`.
 */
export function importanceToMask(
  p: tf.Tensor3D,
  level: number | ArrayLike<number>,
  nCodebooks: number,
  options: MaskEstimator = {},
): tf.Tensor3D {
  check(p.rank === 3 && p.shape[2] === 1, 'invalid-shape', () => `importance map p must be [B, T, 1], got [${p.shape}]`);
  const estimator = options.estimator ?? 'logcosh';
  const alpha = options.alpha ?? 2;
  return tf.tidy(() => {
    const s = tf.mul(p, levelScale(level, p.shape[0], nCodebooks)) as tf.Tensor3D; // [B, T, 1]
    checkS(s, nCodebooks);
    const x = levelOffsets(s, nCodebooks); // [B, T, Nq]
    const hard = tf.cast(tf.greaterEqual(x, 0), 'float32'); // [B, T, Nq]
    return straightThrough(surrogate(x, estimator, alpha), hard) as tf.Tensor3D; // [B, T, Nq]
  });
}

/**
 * Levels used per frame at level ℓ, n[t] = min(Nq, ⌊ℓ·Nq·p[t]⌋ + 1), as int32 `[B, T]` from
 * p `[B, T, 1]`. Same arithmetic as {@link importanceToMask}'s forward pass.
 */
export function importanceToCounts(p: tf.Tensor3D, level: number | ArrayLike<number>, nCodebooks: number): tf.Tensor2D {
  check(p.rank === 3 && p.shape[2] === 1, 'invalid-shape', () => `importance map p must be [B, T, 1], got [${p.shape}]`);
  return tf.tidy(() => {
    const s = tf.mul(p, levelScale(level, p.shape[0], nCodebooks)) as tf.Tensor3D; // [B, T, 1]
    return tf.cast(tf.sum(hardMask(s, nCodebooks), 2), 'int32') as tf.Tensor2D; // [B, T]
  });
}

/** x[b, t, k] = s[b, t] − k: s `[B, T, 1]` → `[B, T, Nq]`. */
function levelOffsets(s: tf.Tensor3D, nCodebooks: number): tf.Tensor3D {
  return tf.tidy(() => tf.sub(s, tf.range(0, nCodebooks, 1, 'float32')) as tf.Tensor3D);
}

function checkS(s: tf.Tensor, nCodebooks: number): void {
  check(s.rank === 3 && s.shape[2] === 1, 'invalid-shape', () => `scaled importance s must be [B, T, 1], got [${s.shape}]`);
  check(Number.isInteger(nCodebooks) && nCodebooks > 0, 'invalid-argument', () => `nCodebooks must be a positive integer, got ${nCodebooks}`);
}
