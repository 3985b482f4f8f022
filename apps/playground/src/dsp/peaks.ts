/** Waveform overview: min and max of x over `columns` equal spans, interleaved [min0, max0, min1, …]. */
export function peaks(x: Float32Array, columns: number): Float32Array {
  const out = new Float32Array(2 * columns);
  const n = x.length;
  for (let c = 0; c < columns; c++) {
    const a = Math.floor((c * n) / columns);
    const b = Math.max(a + 1, Math.floor(((c + 1) * n) / columns));
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = a; i < Math.min(b, n); i++) {
      const v = x[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    out[2 * c] = lo === Number.POSITIVE_INFINITY ? 0 : lo;
    out[2 * c + 1] = hi === Number.NEGATIVE_INFINITY ? 0 : hi;
  }
  return out;
}
