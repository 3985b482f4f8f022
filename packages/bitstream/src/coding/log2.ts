/**
 * ⌊2^16 · log2 x⌋ for 1 ≤ x ≤ 2^16, by integer squaring only (every intermediate is an exact
 * integer below 2^50), so encoder decisions based on it are identical on every platform.
 */
let table: Int32Array | null = null;

function log2Fixed(x: number): number {
  const e = 31 - Math.clz32(x);
  let y = x * 2 ** (24 - e); // mantissa in [1, 2) as Q24: [2^24, 2^25)
  let frac = 0;
  for (let i = 0; i < 16; i++) {
    y = Math.floor((y * y) / 2 ** 24);
    frac *= 2;
    if (y >= 2 ** 25) {
      y = Math.floor(y / 2);
      frac += 1;
    }
  }
  return e * 65536 + frac;
}

/** Table of log2Fixed over 0..2^16 (entry 0 unused). */
export function log2Table(): Int32Array {
  if (table) return table;
  const t = new Int32Array(65537);
  for (let x = 1; x <= 65536; x++) t[x] = log2Fixed(x);
  table = t;
  return t;
}
