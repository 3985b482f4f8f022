import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';

/**
 * Prefix mask from per-frame level counts: m[b, t, k] = 1 iff k < counts[b, t].
 * counts: int `[B, T]` tensor → float32 `[B, T, nLevels]`. A constant (no gradient).
 */
export function countsToMask(counts: tf.Tensor2D, nLevels: number): tf.Tensor3D {
  check(counts.rank === 2, 'invalid-shape', () => `countsToMask expects counts [B, T], got [${counts.shape}]`);
  check(Number.isInteger(nLevels) && nLevels > 0, 'invalid-argument', () => `countsToMask: nLevels must be a positive integer, got ${nLevels}`);
  return tf.tidy(() => {
    const k = tf.reshape(tf.range(0, nLevels, 1, 'int32'), [1, 1, nLevels]); // [1, 1, Nq]
    const n = tf.expandDims(tf.cast(counts, 'int32'), 2); // [B, T, 1]
    return tf.cast(tf.less(k, n), 'float32') as tf.Tensor3D; // [B, T, Nq]
  });
}

/** Levels used per frame: Σ_k m[b, t, k] of a 0/1 mask `[B, T, Nq]` → int32 `[B, T]`. */
export function maskToCounts(mask: tf.Tensor3D): tf.Tensor2D {
  check(mask.rank === 3, 'invalid-shape', () => `maskToCounts expects a mask [B, T, Nq], got [${mask.shape}]`);
  return tf.tidy(() => tf.cast(tf.round(tf.sum(mask, 2)), 'int32') as tf.Tensor2D);
}

/**
 * Constant prefix mask with one count per item (the same for all frames): CBR mode
 * (`n` codebooks everywhere) and DAC quantizer dropout. `perItem[b]` ∈ 0…nLevels (clamped).
 * → float32 `[B, T, nLevels]`.
 */
export function itemPrefixMask(perItem: ArrayLike<number>, frames: number, nLevels: number): tf.Tensor3D {
  const b = perItem.length;
  check(Number.isInteger(frames) && frames >= 0, 'invalid-argument', () => `itemPrefixMask: frames must be a non-negative integer, got ${frames}`);
  check(Number.isInteger(nLevels) && nLevels > 0, 'invalid-argument', () => `itemPrefixMask: nLevels must be a positive integer, got ${nLevels}`);
  const data = new Float32Array(b * frames * nLevels);
  for (let i = 0; i < b; i++) {
    const n = Math.max(0, Math.min(nLevels, Math.floor(perItem[i])));
    for (let t = 0; t < frames; t++) data.fill(1, (i * frames + t) * nLevels, (i * frames + t) * nLevels + n);
  }
  return tf.tensor3d(data, [b, frames, nLevels]);
}

/** CBR mask: `n` levels on every frame of every item → float32 `[B, T, nLevels]`. */
export function cbrMask(batch: number, frames: number, nLevels: number, n: number): tf.Tensor3D {
  check(Number.isInteger(n) && n >= 1 && n <= nLevels, 'invalid-argument', () => `cbrMask: n must be an integer in 1…${nLevels}, got ${n}`);
  return itemPrefixMask(new Array<number>(batch).fill(n), frames, nLevels);
}
