import { type DisplaySpectrogram, displaySpectrogram } from '../dsp/display-spectrogram.js';
import { peaks } from '../dsp/peaks.js';

/** What the waveform and spectrogram views draw for one signal (computed off the main thread). */
export interface ViewData {
  /** Interleaved min/max per column. */
  peaks: Float32Array;
  spectrogram: DisplaySpectrogram;
}

export const VIEW_COLUMNS = 2048;

export function viewData(x: Float32Array, sampleRate: number): ViewData {
  const win = sampleRate > 32000 ? 1024 : 512;
  return { peaks: peaks(x, VIEW_COLUMNS), spectrogram: displaySpectrogram(x, sampleRate, { window: win, maxColumns: 1200 }) };
}
