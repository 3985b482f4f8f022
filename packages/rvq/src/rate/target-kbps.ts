import { check } from '../errors.js';
import { type RateConfig, clipKbps } from './bits.js';
import { countsFromImportance } from './counts.js';

/** Outcome of a target-bitrate search. */
export interface TargetRateResult {
  /** ℓ to use (safely inside the interval of ℓ that gives `counts`). */
  level: number;
  /** Levels per frame at `level` (what the encoder transmits). */
  counts: Int32Array;
  /** Achieved total kbps (payload + VBR side info). */
  kbps: number;
  /**
   * `'ok'`: within the tolerance of the request; `'below-floor'`: the request is under the
   * 1-codebook floor, `kbps` is the floor; `'above-max'`: the request is over what this clip can
   * reach, `kbps` is that maximum; `'nearest'`: in range but no ℓ lands within the tolerance (too few
   * frames for fine steps), `kbps` is the closest achievable rate.
   */
  status: 'ok' | 'below-floor' | 'above-max' | 'nearest';
}

/**
 * VBR target-bitrate mode: finds ℓ by bisection so that the clip's total kbps (payload + side info,
 * see `clipKbps`) is within `tolerance` (relative, default 2 %) of `targetKbps`, or the nearest
 * achievable rate. kbps(ℓ) is a non-decreasing step function; bisection brackets the step that
 * crosses the target, the closer side wins, and the returned ℓ is the midpoint of that step's
 * ℓ-interval so float32 rounding downstream cannot move a frame across a threshold.
 *
 * p: the clip's per-frame importance (sigmoid outputs in [0, 1]) as plain numbers.
 */
export function levelForTargetKbps(
  p: ArrayLike<number>,
  targetKbps: number,
  cfg: RateConfig,
  options: { tolerance?: number } = {},
): TargetRateResult {
  const tol = options.tolerance ?? 0.02;
  const nq = cfg.nCodebooks;
  check(p.length > 0, 'invalid-argument', () => 'target bitrate: the importance map is empty');
  check(Number.isFinite(targetKbps) && targetKbps > 0, 'invalid-argument', () => `target bitrate must be a positive number of kbps, got ${targetKbps}`);
  let minPositive = Number.POSITIVE_INFINITY;
  for (let t = 0; t < p.length; t++) {
    const v = p[t];
    check(Number.isFinite(v) && v >= 0, 'invalid-argument', () => `importance p[${t}] must be a finite number ≥ 0, got ${v}`);
    if (v > 0 && v < minPositive) minPositive = v;
  }
  const rateAt = (level: number) => clipKbps(countsFromImportance(p, level, nq), cfg, 'vbr');

  // Highest level that matters: every frame with p > 0 saturated (doubling absorbs float32 rounding).
  let hi = Number.isFinite(minPositive) ? (nq - 1) / (nq * minPositive) : 1;
  const saturated = (level: number) => countsFromImportance(p, level, nq).every((n, t) => n === nq || p[t] === 0);
  for (let i = 0; i < 64 && !saturated(hi); i++) hi *= 2;
  const floorKbps = rateAt(0);
  const maxKbps = rateAt(hi);

  let chosen: number;
  if (targetKbps <= floorKbps) chosen = 0;
  else if (targetKbps >= maxKbps) chosen = hi;
  else {
    // Invariant: rate(lo) < target ≤ rate(hi).
    let lo = 0;
    for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      const mid = 0.5 * (lo + hi);
      if (rateAt(mid) < targetKbps) lo = mid;
      else hi = mid;
    }
    chosen = targetKbps - rateAt(lo) <= rateAt(hi) - targetKbps ? lo : hi;
  }
  const level = centreOfStep(p, chosen, nq);
  const counts = countsFromImportance(p, level, nq);
  const kbps = clipKbps(counts, cfg, 'vbr');
  const status =
    Math.abs(kbps - targetKbps) <= tol * targetKbps
      ? 'ok'
      : targetKbps < floorKbps
        ? 'below-floor'
        : targetKbps > maxKbps
          ? 'above-max'
          : 'nearest';
  return { level, counts, kbps, status };
}

/**
 * The midpoint of the ℓ-interval on which the counts equal those at `level` (frame t switches
 * from n to n+1 levels at ℓ = n / (Nq·p[t])). Falls back to `level` if the interval is too narrow
 * for float32 to resolve.
 */
function centreOfStep(p: ArrayLike<number>, level: number, nq: number): number {
  const counts = countsFromImportance(p, level, nq);
  let a = 0;
  let b = Number.POSITIVE_INFINITY;
  for (let t = 0; t < p.length; t++) {
    const v = p[t];
    if (!(v > 0)) continue;
    const n = counts[t];
    if (n >= 2) a = Math.max(a, (n - 1) / (nq * v));
    if (n < nq) b = Math.min(b, n / (nq * v));
  }
  const mid = Number.isFinite(b) ? 0.5 * (a + b) : Math.max(2 * a, 1);
  const same = countsFromImportance(p, mid, nq).every((n, t) => n === counts[t]);
  return same ? mid : level;
}
