// The codebook-usage picture (like the VRVQ paper's Fig. 4): a spectrogram of one clip, its
// importance map p[t], and the per-frame codebook mask (n[t] of N_q rows lit) at a few levels, all
// on one time axis (one codec frame per pixel column, or more when the clip is short).
import { magma } from './colormap.mjs';
import { Raster } from './raster.mjs';
import { spectrogramDb } from './spectrogram.mjs';

const INK = [20, 20, 20];
const GREY = [120, 120, 120];
const GRID = [215, 215, 215];
const LIT = [230, 120, 20];
const UNLIT = [236, 236, 236];
const P_LINE = [31, 119, 180];

/**
 * @param {{ clip: string, sampleRate: number, hop: number, nCodebooks: number, p: number[],
 *   levels: { level: number, kbps: number, counts: number[] }[] }} fig
 * @param {Float32Array} x the clip's samples at fig.sampleRate (at least p.length·hop)
 * @param {string} title
 * @returns {Raster & { layout: { left: number, px: number, rowH: number, pTop: number, pH: number, masks: number[] } }}
 *   the picture; `layout` says where things are (x of frame t = left + t·px; masks: top y of each level's mask)
 */
export function drawCodebookFigure(fig, x, title) {
  const frames = fig.p.length;
  const px = Math.max(1, Math.floor(1000 / frames)); // pixels per frame
  const left = 150;
  const right = 16;
  const width = left + frames * px + right;
  const specH = 200;
  const pH = 70;
  const rowH = 5;
  const maskH = fig.nCodebooks * rowH;
  const gap = 14;
  const top = 40;
  const height = top + specH + gap + pH + fig.levels.length * (gap + maskH) + 50;
  const img = /** @type {any} */ (new Raster(width, height));
  img.layout = { left, px, rowH, pTop: 0, pH, masks: [] };
  img.text(8, 10, title, INK, 2);

  // Spectrogram, 0 … Nyquist, rows take the loudest bin they cover; 80 dB below the peak is black.
  let y = top;
  const spec = spectrogramDb(x.subarray(0, frames * fig.hop), { hop: fig.hop, nFft: 1024 });
  let peak = Number.NEGATIVE_INFINITY;
  for (const v of spec.db) peak = Math.max(peak, v);
  for (let t = 0; t < frames; t++) {
    for (let r = 0; r < specH; r++) {
      const f0 = Math.floor(((specH - 1 - r) * spec.bins) / specH);
      const f1 = Math.max(f0 + 1, Math.floor(((specH - r) * spec.bins) / specH));
      let v = Number.NEGATIVE_INFINITY;
      for (let f = f0; f < f1; f++) v = Math.max(v, spec.db[t * spec.bins + f]);
      img.fillRect(left + t * px, y + r, px, 1, magma((v - peak + 80) / 80));
    }
  }
  const nyq = fig.sampleRate / 2000;
  img.text(8, y + 40, 'SPECTROGRAM', INK, 2);
  for (const k of [0, nyq / 2, nyq]) {
    const yy = y + specH - 1 - Math.round(((specH - 1) * k) / nyq);
    img.line(left - 5, yy, left - 1, yy, INK);
    const label = `${Number(k.toFixed(1))} KHZ`;
    img.text(left - 8 - Raster.textWidth(label), Math.min(y + specH - 7, Math.max(y, yy - 3)), label, GREY);
  }
  y += specH + gap;

  // Importance map p[t] as a line on [0, 1].
  img.layout.pTop = y;
  img.fillRect(left, y, frames * px, pH, [250, 250, 250]);
  for (const v of [0, 0.5, 1]) {
    const yy = y + pH - 1 - Math.round((pH - 1) * v);
    img.line(left, yy, left + frames * px - 1, yy, GRID);
    img.text(left - 8 - Raster.textWidth(String(v)), yy - 3, String(v), GREY);
  }
  let prev = null;
  for (let t = 0; t < frames; t++) {
    const yy = y + pH - 1 - Math.round((pH - 1) * Math.min(1, Math.max(0, fig.p[t])));
    const xx = left + t * px + Math.floor(px / 2);
    if (prev) img.line(prev[0], prev[1], xx, yy, P_LINE);
    img.fillRect(xx, yy, 1, 2, P_LINE);
    prev = [xx, yy];
  }
  img.text(8, y + 4, 'IMPORTANCE', INK, 2);
  img.text(8, y + 24, 'P[T]', INK, 2);
  y += pH;

  // One mask per level: row k (bottom = first codebook) lit where k < n[t].
  for (const lv of fig.levels) {
    y += gap;
    img.layout.masks.push(y);
    for (let t = 0; t < frames; t++) {
      for (let k = 0; k < fig.nCodebooks; k++) {
        const yy = y + maskH - (k + 1) * rowH;
        img.fillRect(left + t * px, yy, px, rowH - 1, k < lv.counts[t] ? LIT : UNLIT);
      }
    }
    img.text(8, y + 2, `ℓ = ${lv.level}`, INK, 2);
    img.text(8, y + 22, `${lv.kbps.toFixed(2)} KBPS`, GREY, 1);
    img.text(left - 8 - Raster.textWidth(String(fig.nCodebooks)), y, String(fig.nCodebooks), GREY);
    img.text(left - 8 - Raster.textWidth('1'), y + maskH - 7, '1', GREY);
    y += maskH;
  }

  // Time axis.
  y += 6;
  const seconds = (frames * fig.hop) / fig.sampleRate;
  const step = seconds > 20 ? 5 : seconds > 6 ? 1 : 0.5;
  for (let s = 0; s <= seconds + 1e-9; s += step) {
    const xx = left + Math.round((s * fig.sampleRate * px) / fig.hop);
    img.line(xx, y, xx, y + 4, INK);
    const label = String(Number(s.toFixed(1)));
    img.text(xx - Math.floor(Raster.textWidth(label) / 2), y + 8, label, INK);
  }
  img.text(left + Math.floor((frames * px) / 2) - 40, y + 22, 'TIME (S)', INK, 2);
  img.text(8, y + 8, `ROWS: CODEBOOKS 1-${fig.nCodebooks}`, GREY);
  return img;
}
