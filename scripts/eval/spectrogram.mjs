// Display spectrogram on plain arrays: @vrvq/audio's radix-2 FFT, Hann window, one column per codec frame.
import { fftOfSize } from '../../packages/audio/dist/index.js';

/**
 * Power spectrogram in dB, one column per hop, window centred on the middle of each hop (so
 * column t lines up with codec frame t), zero-padded at the edges.
 * @param {Float32Array} x
 * @param {{ hop: number, nFft: number }} opts
 * @returns {{ frames: number, bins: number, db: Float32Array }} db[t·bins + f], f = 0…nFft/2
 */
export function spectrogramDb(x, { hop, nFft }) {
  const frames = Math.floor(x.length / hop);
  const bins = nFft / 2 + 1;
  const db = new Float32Array(frames * bins);
  const win = Float64Array.from({ length: nFft }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nFft));
  const fft = fftOfSize(nFft);
  const re = new Float64Array(nFft);
  const im = new Float64Array(nFft);
  for (let t = 0; t < frames; t++) {
    const start = Math.round(t * hop + hop / 2 - nFft / 2);
    for (let i = 0; i < nFft; i++) {
      const s = start + i;
      re[i] = s >= 0 && s < x.length ? x[s] * win[i] : 0;
      im[i] = 0;
    }
    fft.transform(re, im);
    for (let f = 0; f < bins; f++) db[t * bins + f] = 10 * Math.log10(re[f] * re[f] + im[f] * im[f] + 1e-12);
  }
  return { frames, bins, db };
}
