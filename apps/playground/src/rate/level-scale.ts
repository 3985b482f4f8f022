/**
 * The ℓ slider is logarithmic: position 0…steps maps to ℓ from `min` to `max` geometrically, so
 * the low levels (where one more codebook matters most) get as much travel as the high ones.
 */
export const LEVEL_SLIDER = { min: 0.05, max: 6, steps: 200 } as const;

export function levelFromPosition(pos: number, s: { min: number; max: number; steps: number } = LEVEL_SLIDER): number {
  const t = Math.min(1, Math.max(0, pos / s.steps));
  return s.min * (s.max / s.min) ** t;
}

export function positionFromLevel(level: number, s: { min: number; max: number; steps: number } = LEVEL_SLIDER): number {
  const l = Math.min(s.max, Math.max(s.min, level));
  return Math.round((s.steps * Math.log(l / s.min)) / Math.log(s.max / s.min));
}
