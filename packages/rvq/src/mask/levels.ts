import { check } from '../errors.js';
import type { Rng } from '../nn/rng.js';

/** How the per-item scaling factor ℓ is drawn during VBR training. */
export interface LevelSampling {
  /** Lower bound ℓ_min (default 0.125, i.e. ℓ·Nq = 1 for Nq = 8). */
  min?: number;
  /** Upper bound ℓ_max (default 6). */
  max?: number;
  /** `'uniform'` (VRVQ main configs, default) or `'loguniform'` (the follow-up work). */
  distribution?: 'uniform' | 'loguniform';
}

/** Defaults of VRVQ's main configs: ℓ ~ U[0.125, 6]. */
export const DEFAULT_LEVEL_SAMPLING: Readonly<Required<LevelSampling>> = Object.freeze({
  min: 0.125,
  max: 6,
  distribution: 'uniform',
});

/**
 * `count` independent scaling factors ℓ from `rng` (one `rng.next()` per value, so a seeded Rng
 * gives the same sequence every time). Uniform: ℓ = min + (max − min)·u; log-uniform:
 * ℓ = exp(ln min + (ln max − ln min)·u).
 */
export function sampleLevels(rng: Rng, count: number, sampling: LevelSampling = {}): number[] {
  const { min, max, distribution } = { ...DEFAULT_LEVEL_SAMPLING, ...sampling };
  check(Number.isInteger(count) && count >= 0, 'invalid-argument', () => `sampleLevels: count must be a non-negative integer, got ${count}`);
  check(Number.isFinite(min) && Number.isFinite(max) && min > 0 && max >= min, 'invalid-argument', () =>
    `sampleLevels: need 0 < min ≤ max, got [${min}, ${max}]`,
  );
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = rng.next();
    out.push(distribution === 'loguniform' ? Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * u) : min + (max - min) * u);
  }
  return out;
}
