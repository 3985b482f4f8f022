import { fftOfSize } from '@vrvq/audio';
import { hann, reflectAt } from './window.js';

/**
 * Frames of a centred STFT (torch.stft(center=True, pad_mode='reflect')): frame f covers padded
 * samples [f·hop, f·hop + win), the signal reflect-padded by win/2 on both sides; 1 + ⌊N/hop⌋ frames.
 */
export function centredFrameCount(n: number, hop: number): number {
  return 1 + Math.floor(n / hop);
}

/**
 * Magnitude spectra of two signals of equal length at once (one complex FFT per frame: a in the
 * real part, b in the imaginary part, separated by conjugate symmetry), Hann window, centred
 * reflect padding. Calls `visit(frame, magA, magB)` with win/2 + 1 bins each (buffers reused).
 */
export function pairedStft(
  a: Float32Array,
  b: Float32Array,
  win: number,
  hop: number,
  visit: (frame: number, magA: Float64Array, magB: Float64Array) => void,
): void {
  if (a.length !== b.length) throw new RangeError(`signals differ in length: ${a.length} vs ${b.length}`);
  const fft = fftOfSize(win);
  const w = hann(win);
  const re = new Float64Array(win);
  const im = new Float64Array(win);
  const bins = win / 2 + 1;
  const ma = new Float64Array(bins);
  const mb = new Float64Array(bins);
  const pad = win / 2;
  const frames = centredFrameCount(a.length, hop);
  for (let f = 0; f < frames; f++) {
    const s = f * hop;
    for (let i = 0; i < win; i++) {
      re[i] = w[i] * reflectAt(a, s + i, pad);
      im[i] = w[i] * reflectAt(b, s + i, pad);
    }
    fft.transform(re, im);
    for (let k = 0; k < bins; k++) {
      const j = (win - k) % win;
      // A[k] = (Z[k] + conj Z[N−k]) / 2, B[k] = (Z[k] − conj Z[N−k]) / 2i
      const ar = 0.5 * (re[k] + re[j]);
      const ai = 0.5 * (im[k] - im[j]);
      const br = 0.5 * (im[k] + im[j]);
      const bi = -0.5 * (re[k] - re[j]);
      ma[k] = Math.sqrt(ar * ar + ai * ai);
      mb[k] = Math.sqrt(br * br + bi * bi);
    }
    visit(f, ma, mb);
  }
}
