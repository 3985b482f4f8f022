import type { ViewData } from '../engine/view-data.js';
import { putRamp } from './colormap.js';
import { AXIS, LEFT, blit, drawTimeAxis, fitCanvas } from './layout.js';

/**
 * One signal over time: its waveform (min/max per column) in the top third and its spectrogram
 * (linear frequency, dB colour ramp) below.
 */
export function drawSignal(canvas: HTMLCanvasElement, data: ViewData | null, duration: number, empty: string): void {
  const { ctx, width, height } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const plotW = width - LEFT;
  if (!data) {
    ctx.fillStyle = '#9aa4b2';
    ctx.font = '13px system-ui, sans-serif';
    ctx.fillText(empty, LEFT, height / 2);
    return;
  }
  const waveH = Math.round((height - AXIS) * 0.32);
  const specTop = waveH + 4;
  const specH = height - AXIS - specTop - 2;

  // waveform
  const cols = data.peaks.length / 2;
  const mid = waveH / 2;
  ctx.fillStyle = '#7cc4ff';
  const px = Math.max(1, Math.round(plotW));
  for (let x = 0; x < px; x++) {
    const c0 = Math.floor((x * cols) / px);
    const c1 = Math.max(c0 + 1, Math.floor(((x + 1) * cols) / px));
    let lo = 0;
    let hi = 0;
    for (let c = c0; c < c1; c++) {
      lo = Math.min(lo, data.peaks[2 * c]);
      hi = Math.max(hi, data.peaks[2 * c + 1]);
    }
    const y0 = mid - Math.min(1, hi) * mid;
    const y1 = mid - Math.max(-1, lo) * mid;
    ctx.fillRect(LEFT + x, y0, 1, Math.max(1, y1 - y0));
  }

  // spectrogram: columns × bins, low frequencies at the bottom
  const s = data.spectrogram;
  const img = new Uint8ClampedArray(4 * s.columns * s.bins);
  for (let c = 0; c < s.columns; c++) {
    for (let k = 0; k < s.bins; k++) putRamp(img, (s.bins - 1 - k) * s.columns + c, s.levels[c * s.bins + k] / 255);
  }
  blit(ctx, img, s.columns, s.bins, LEFT, specTop, plotW, specH);

  ctx.fillStyle = '#c9d1dc';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText('wave', 4, mid);
  ctx.fillText(`${(s.maxHz / 1000).toFixed(0)} kHz`, 4, specTop + 6);
  ctx.fillText('0', 4, specTop + specH - 6);
  drawTimeAxis(ctx, width, height, duration);
}
