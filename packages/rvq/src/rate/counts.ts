import { check } from '../errors.js';

/**
 * Levels per frame from an importance map on plain arrays: n[t] = min(Nq, ⌊s[t]⌋ + 1) with
 * s = ℓ·Nq·p[t] in float32 exactly as the tensor path computes it (fround(fround(ℓ·Nq)·p)), so the
 * counts agree with `importanceToCounts` / `importanceToMask` bit for bit.
 */
export function countsFromImportance(p: ArrayLike<number>, level: number, nCodebooks: number): Int32Array {
  check(Number.isFinite(level) && level >= 0, 'invalid-argument', () => `level ℓ must be a finite number ≥ 0, got ${level}`);
  const scale = Math.fround(level * nCodebooks);
  const out = new Int32Array(p.length);
  for (let t = 0; t < p.length; t++) {
    const s = Math.fround(scale * Math.fround(p[t]));
    out[t] = s >= nCodebooks - 1 ? nCodebooks : s >= 0 ? Math.floor(s) + 1 : 0;
  }
  return out;
}
