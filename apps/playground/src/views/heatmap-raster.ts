/**
 * The data behind the paper's Figure 4 view, binned to at most `columns` columns: for every level k
 * (row 0 = level 1) the share of frames in the column that use it, and the mean importance.
 */
export interface HeatmapRaster {
  columns: number;
  nq: number;
  /** Row-major [nq][columns], values in [0, 1]. */
  usage: Float32Array;
  /** Mean p per column, or null. */
  importance: Float32Array | null;
}

export function heatmapRaster(counts: Uint8Array, p: Float32Array | null, nq: number, maxColumns: number): HeatmapRaster {
  const T = counts.length;
  const columns = Math.max(1, Math.min(T, maxColumns));
  const usage = new Float32Array(nq * columns);
  const importance = p ? new Float32Array(columns) : null;
  for (let c = 0; c < columns; c++) {
    const a = Math.floor((c * T) / columns);
    const b = Math.max(a + 1, Math.floor(((c + 1) * T) / columns));
    const n = Math.min(b, T) - a;
    let ps = 0;
    for (let t = a; t < a + n; t++) {
      for (let k = 0; k < counts[t] && k < nq; k++) usage[k * columns + c] += 1 / n;
      if (p) ps += p[t];
    }
    if (importance) importance[c] = n ? ps / n : 0;
  }
  return { columns, nq, usage, importance };
}
