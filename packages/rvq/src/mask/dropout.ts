import type * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import type { Rng } from '../nn/rng.js';
import { itemPrefixMask } from './prefix.js';

/**
 * DAC quantizer dropout as per-item level counts: the first ⌊B·rate⌋ items get n ~ U{1…Nq}
 * (one `rng.int` each), the others all Nq levels.
 */
export function quantizerDropoutCounts(batch: number, nCodebooks: number, rate: number, rng: Rng): number[] {
  check(rate >= 0 && rate <= 1, 'invalid-argument', () => `quantizer dropout rate must be in [0, 1], got ${rate}`);
  check(Number.isInteger(batch) && batch >= 0, 'invalid-argument', () => `batch must be a non-negative integer, got ${batch}`);
  const nDrop = Math.floor(batch * rate);
  const counts: number[] = [];
  for (let i = 0; i < batch; i++) counts.push(i < nDrop ? 1 + rng.int(nCodebooks) : nCodebooks);
  return counts;
}

/**
 * DAC quantizer dropout mask (CBR training): a constant prefix mask float32 `[B, T, Nq]`, the same
 * count on every frame of an item. See {@link quantizerDropoutCounts}.
 */
export function quantizerDropoutMask(batch: number, frames: number, nCodebooks: number, rate: number, rng: Rng): tf.Tensor3D {
  return itemPrefixMask(quantizerDropoutCounts(batch, nCodebooks, rate, rng), frames, nCodebooks);
}
