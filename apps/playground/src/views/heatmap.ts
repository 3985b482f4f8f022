import { putRamp } from './colormap.js';
import { heatmapRaster } from './heatmap-raster.js';
import { AXIS, LEFT, blit, drawTimeAxis, fitCanvas } from './layout.js';

export interface HeatmapInput {
  counts: Uint8Array;
  /** Importance per frame (null: an opened file or a model without the subnet). */
  p: Float32Array | null;
  nq: number;
  /** ℓ·N_q of a VBR setting: draws the scaled importance s = ℓ·N_q·p whose floor + 1 is n[t]. */
  scale: number | null;
  duration: number;
}

const STRIP = 18;
const GAP = 6;

/**
 * Importance map and codebooks per frame over time (the paper's Figure 4): a strip of p on top,
 * below it one row per RVQ level (level 1 at the bottom) lit where the frame uses that level, and
 * the scaled importance s[t] as a line (a frame uses ⌊s⌋ + 1 levels).
 */
export function drawHeatmap(canvas: HTMLCanvasElement, input: HeatmapInput | null): void {
  const { ctx, width, height } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const plotW = width - LEFT;
  if (!input || input.counts.length === 0) {
    ctx.fillStyle = '#9aa4b2';
    ctx.font = '13px system-ui, sans-serif';
    ctx.fillText('Encode audio to see its importance map and codebooks per frame.', LEFT, height / 2);
    return;
  }
  const { counts, p, nq } = input;
  const r = heatmapRaster(counts, p, nq, Math.min(4096, Math.max(1, Math.round(plotW * (globalThis.devicePixelRatio || 1)))));
  const gridTop = STRIP + GAP;
  const gridH = height - AXIS - gridTop - 2;

  if (r.importance) {
    // colours stretched over the clip's own range of p (an untrained model's p barely moves)
    const { lo, hi } = importanceRange(r.importance);
    const strip = new Uint8ClampedArray(4 * r.columns);
    for (let c = 0; c < r.columns; c++) putRamp(strip, c, hi > lo ? (r.importance[c] - lo) / (hi - lo) : 0.5);
    blit(ctx, strip, r.columns, 1, LEFT, 0, plotW, STRIP);
  }
  const grid = new Uint8ClampedArray(4 * r.columns * nq);
  for (let k = 0; k < nq; k++) {
    const row = nq - 1 - k; // level 1 at the bottom
    for (let c = 0; c < r.columns; c++) putRamp(grid, row * r.columns + c, 0.12 + 0.88 * r.usage[k * r.columns + c]);
  }
  blit(ctx, grid, r.columns, nq, LEFT, gridTop, plotW, gridH);

  // row separators
  ctx.fillStyle = 'rgba(0,0,0,0.35)';
  for (let k = 1; k < nq; k++) ctx.fillRect(LEFT, gridTop + (k * gridH) / nq, plotW, 1);

  if (input.scale !== null && p) {
    ctx.beginPath();
    for (let c = 0; c < r.columns; c++) {
      const s = Math.min(nq, input.scale * r.importance![c]);
      const x = LEFT + ((c + 0.5) / r.columns) * plotW;
      const y = gridTop + gridH - (s / nq) * gridH;
      if (c === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.strokeStyle = 'rgba(0,0,0,0.8)';
    ctx.lineWidth = 4;
    ctx.stroke();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }

  ctx.fillStyle = '#c9d1dc';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  if (r.importance) ctx.fillText('p', 8, STRIP / 2);
  ctx.fillText(`${nq}`, 8, gridTop + gridH / nq / 2);
  ctx.fillText('1', 8, gridTop + gridH - gridH / nq / 2);
  ctx.save();
  ctx.translate(26, gridTop + gridH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('level', 0, 0);
  ctx.restore();
  drawTimeAxis(ctx, width, height, input.duration);
}

/** Smallest and largest value (the colour range of the importance strip). */
export function importanceRange(p: Float32Array): { lo: number; hi: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of p) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi };
}
