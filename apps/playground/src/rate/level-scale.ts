/**
 * The ℓ slider is logarithmic: `perOctave` positions per doubling of ℓ, starting at `min`, so the
 * low levels (where one more codebook matters most) get as much travel as the high ones, and
 * ℓ = 1 (the CLI's default) sits exactly on a position.
 */
export const LEVEL_SLIDER = { min: 1 / 16, perOctave: 32, steps: 211 } as const; // ℓ from 0.0625 to ≈ 6.04

type Scale = { min: number; perOctave: number; steps: number };

export function levelFromPosition(pos: number, s: Scale = LEVEL_SLIDER): number {
  const p = Math.min(s.steps, Math.max(0, pos));
  return s.min * 2 ** (p / s.perOctave);
}

export function positionFromLevel(level: number, s: Scale = LEVEL_SLIDER): number {
  const p = Math.round(s.perOctave * Math.log2(level / s.min));
  return Math.min(s.steps, Math.max(0, p));
}
