import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import type { Rng } from '../nn/rng.js';
import { quantizerDropoutCounts } from './dropout.js';
import { importanceToMask, type MaskEstimator } from './importance-to-mask.js';
import { type LevelSampling, sampleLevels } from './levels.js';
import { itemPrefixMask } from './prefix.js';

/** Options of {@link buildTrainingMask}. */
export interface TrainingMaskOptions extends MaskEstimator {
  /** `'vbr'`: importance-map masks (VRVQ); `'cbr'`: DAC quantizer dropout only. */
  mode: 'vbr' | 'cbr';
  nCodebooks: number;
  /** Source of ℓ and dropout counts (consumed in that order). */
  rng: Rng;
  /** VBR: share of items (the LAST ⌊share·B⌋) that use all levels. Default 0.25; ignored for CBR. */
  fullCodebookRate?: number;
  /** Share of items with a random prefix n ~ U{1…Nq}. Default 0.5 for CBR, 0 for VBR. */
  dropoutRate?: number;
  /** Distribution of ℓ for the importance-masked items. */
  levels?: LevelSampling;
  /**
   * Per-frame weights w `[B, T, 1]` of the rate loss (default: all 1, the paper's R = mean p).
   * With weights, R = mean(w·p) over the importance rows, so frames with w > 1 cost more rate.
   * Constants: no gradient flows into them.
   */
  rateWeights?: tf.Tensor3D;
}

/** The mask of one training batch and what goes with it. */
export type TrainingMask = {
  /** float32 `[B, T, Nq]`; differentiable w.r.t. p on the importance rows, constant elsewhere. */
  mask: tf.Tensor3D;
  /** ℓ of each importance-masked item (rows 0…importance−1). */
  levels: number[];
  /** Rows per kind, in batch order: importance, then dropout, then full. */
  rows: { importance: number; dropout: number; full: number };
  /**
   * R = mean of raw p (times `rateWeights` when given) over the importance rows and all frames
   * (scalar; 0 when there are none).
   */
  rateLoss: tf.Scalar;
};

/**
 * Builds the whole mask for a batch.
 * - VBR (VRVQ): rows [0, I) importance masks with ℓ ~ `levels`, rows [I, I+Dr) dropout prefix
 *   masks, the last F = ⌊fullCodebookRate·B⌋ rows all ones; I = B − Dr − F, Dr = ⌊dropoutRate·B⌋.
 * - CBR (DAC): the first ⌊dropoutRate·B⌋ rows random prefix masks, the rest all ones.
 *
 * `source` is p `[B, T, 1]` (required for VBR) or just the batch shape (CBR).
 */
export function buildTrainingMask(source: tf.Tensor3D | { batch: number; frames: number }, options: TrainingMaskOptions): TrainingMask {
  const p = source instanceof tf.Tensor ? source : null;
  const batch = p ? p.shape[0] : (source as { batch: number }).batch;
  const frames = p ? p.shape[1] : (source as { frames: number }).frames;
  const nq = options.nCodebooks;
  if (p) check(p.rank === 3 && p.shape[2] === 1, 'invalid-shape', () => `importance map p must be [B, T, 1], got [${p.shape}]`);
  const w = options.rateWeights;
  if (w) {
    check(w.rank === 3 && w.shape[0] === batch && w.shape[1] === frames && w.shape[2] === 1, 'invalid-shape', () =>
      `rateWeights must be [${batch}, ${frames}, 1] like the batch, got [${w.shape}]`,
    );
  }
  if (options.mode === 'cbr') {
    const counts = quantizerDropoutCounts(batch, nq, options.dropoutRate ?? 0.5, options.rng);
    const nDrop = Math.floor(batch * (options.dropoutRate ?? 0.5));
    return {
      mask: itemPrefixMask(counts, frames, nq),
      levels: [],
      rows: { importance: 0, dropout: nDrop, full: batch - nDrop },
      rateLoss: tf.scalar(0),
    };
  }
  check(p !== null, 'invalid-argument', () => 'buildTrainingMask: VBR mode needs the importance map p [B, T, 1]');
  const fullRate = options.fullCodebookRate ?? 0.25;
  const dropRate = options.dropoutRate ?? 0;
  check(fullRate >= 0 && dropRate >= 0 && fullRate + dropRate <= 1, 'invalid-argument', () =>
    `buildTrainingMask: need fullCodebookRate, dropoutRate ≥ 0 with sum ≤ 1, got ${fullRate}, ${dropRate}`,
  );
  const nFull = Math.floor(fullRate * batch);
  const nDrop = Math.floor(dropRate * batch);
  const nImp = batch - nFull - nDrop;
  const levels = sampleLevels(options.rng, nImp, options.levels);
  const dropCounts = quantizerDropoutCounts(nDrop, nq, 1, options.rng);
  return tf.tidy(() => {
    const parts: tf.Tensor3D[] = [];
    let rateLoss: tf.Scalar = tf.scalar(0);
    if (nImp > 0) {
      const pImp = tf.slice(p, [0, 0, 0], [nImp, frames, 1]) as tf.Tensor3D; // [I, T, 1]
      parts.push(importanceToMask(pImp, levels, nq, options)); // [I, T, Nq]
      rateLoss = (w ? tf.mean(tf.mul(pImp, tf.slice(w, [0, 0, 0], [nImp, frames, 1]))) : tf.mean(pImp)) as tf.Scalar;
    }
    if (nDrop + nFull > 0) {
      parts.push(itemPrefixMask([...dropCounts, ...new Array<number>(nFull).fill(nq)], frames, nq)); // [Dr+F, T, Nq]
    }
    const mask = (parts.length === 1 ? parts[0] : tf.concat(parts, 0)) as tf.Tensor3D; // [B, T, Nq]
    return { mask, levels, rows: { importance: nImp, dropout: nDrop, full: nFull }, rateLoss };
  });
}
