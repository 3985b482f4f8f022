/** A perceptually ordered dark-blue → teal → yellow colour ramp (viridis-like), 256 RGB entries. */
const STOPS: Array<[number, number, number, number]> = [
  [0, 68, 1, 84],
  [0.25, 59, 82, 139],
  [0.5, 33, 145, 140],
  [0.75, 94, 201, 98],
  [1, 253, 231, 37],
];

export const RAMP: Uint8Array = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let s = 0;
    while (s < STOPS.length - 2 && t > STOPS[s + 1][0]) s++;
    const [t0, r0, g0, b0] = STOPS[s];
    const [t1, r1, g1, b1] = STOPS[s + 1];
    const f = (t - t0) / (t1 - t0);
    lut[3 * i] = Math.round(r0 + f * (r1 - r0));
    lut[3 * i + 1] = Math.round(g0 + f * (g1 - g0));
    lut[3 * i + 2] = Math.round(b0 + f * (b1 - b0));
  }
  return lut;
})();

/** Writes the ramp colour of level v ∈ [0, 1] into rgba at pixel i (opaque). */
export function putRamp(rgba: Uint8ClampedArray, i: number, v: number): void {
  const k = 3 * Math.max(0, Math.min(255, Math.round(v * 255)));
  rgba[4 * i] = RAMP[k];
  rgba[4 * i + 1] = RAMP[k + 1];
  rgba[4 * i + 2] = RAMP[k + 2];
  rgba[4 * i + 3] = 255;
}
