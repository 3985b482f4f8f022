import { fftOfSize } from '@vrvq/audio';
import { hann, reflectAt } from './window.js';

/** A spectrogram for display: `columns` × `bins` levels 0…255 (column-major: column c at c·bins). */
export interface DisplaySpectrogram {
  columns: number;
  bins: number;
  /** Level 0 = `floorDb` or below, 255 = 0 dBFS (a full-scale sine). */
  levels: Uint8Array;
  floorDb: number;
  /** Highest frequency shown (Hz): the Nyquist rate. */
  maxHz: number;
}

/**
 * Magnitude spectrogram in dB for drawing: Hann window of `window` samples centred on evenly spaced
 * positions (at most `maxColumns`, at least a hop of window/4), bins 0…window/2 − 1, scaled so a
 * full-scale sine reads 0 dB, mapped linearly from `floorDb`…0 dB to 0…255.
 */
export function displaySpectrogram(
  x: Float32Array,
  sampleRate: number,
  opts: { window?: number; maxColumns?: number; floorDb?: number } = {},
): DisplaySpectrogram {
  const win = opts.window ?? 512;
  const floorDb = opts.floorDb ?? -100;
  const maxColumns = opts.maxColumns ?? 1200;
  const hop = Math.max(win / 4, Math.ceil(x.length / maxColumns));
  const columns = Math.max(1, Math.ceil(x.length / hop));
  const bins = win / 2;
  const fft = fftOfSize(win);
  const w = hann(win);
  let wsum = 0;
  for (let i = 0; i < win; i++) wsum += w[i];
  const scale = 2 / wsum; // a sine of amplitude 1 → magnitude 1
  const re = new Float64Array(win);
  const im = new Float64Array(win);
  const levels = new Uint8Array(columns * bins);
  const pad = win / 2;
  for (let c = 0; c < columns; c++) {
    const s = c * hop;
    for (let i = 0; i < win; i++) {
      re[i] = x.length ? w[i] * reflectAt(x, s + i, pad) : 0;
      im[i] = 0;
    }
    fft.transform(re, im);
    for (let k = 0; k < bins; k++) {
      const mag = Math.hypot(re[k], im[k]) * scale;
      const db = 20 * Math.log10(mag + 1e-12);
      const v = Math.round((255 * (db - floorDb)) / -floorDb);
      levels[c * bins + k] = Math.max(0, Math.min(255, v));
    }
  }
  return { columns, bins, levels, floorDb, maxHz: sampleRate / 2 };
}
