import { fftOfSize, loudnessLufs } from '@vrvq/audio';

/** audiotools `RescaleAudio`: scales down (never up) so that max |x| ≤ 1. In place; returns x. */
export function rescaleAudio(x: Float32Array, max = 1): Float32Array {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  if (peak > max) {
    const g = max / peak;
    for (let i = 0; i < x.length; i++) x[i] *= g;
  }
  return x;
}

/**
 * audiotools `ShiftPhase` equivalent: rotates the phase of every positive-frequency component
 * by θ (DC and Nyquist keep only their cos θ part, as an inverse real FFT would), i.e.
 * x·cos θ + H{x}·sin θ with H the (circular) Hilbert transform of the excerpt. Returns a new array.
 * (audiotools rotates STFT phases; on a short excerpt the global rotation is the same operation
 * up to window edge effects.)
 */
export function shiftPhase(x: Float32Array, theta: number): Float32Array {
  let n = 1;
  while (n < x.length) n <<= 1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  re.set(x);
  const fft = fftOfSize(n);
  fft.transform(re, im);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  // bins 1..n/2−1 rotate by +θ, their mirrors by −θ (keeps the signal real); DC and Nyquist × cos θ
  re[0] *= c;
  im[0] *= c;
  re[n / 2] *= c;
  im[n / 2] *= c;
  for (let k = 1; k < n / 2; k++) {
    const r = re[k] * c - im[k] * s;
    const i = re[k] * s + im[k] * c;
    re[k] = r;
    im[k] = i;
    re[n - k] = r;
    im[n - k] = -i;
  }
  fft.transform(re, im, true); // includes the 1/n
  return Float32Array.from(re.subarray(0, x.length));
}

/**
 * audiotools `VolumeNorm`: gain to reach `targetLufs` (integrated loudness). Silence (−∞ LUFS)
 * is left alone. In place; returns x.
 */
export function volumeNorm(x: Float32Array, sampleRate: number, targetLufs: number): Float32Array {
  const l = loudnessLufs(x, sampleRate);
  if (!Number.isFinite(l)) return x;
  const g = 10 ** ((targetLufs - l) / 20);
  for (let i = 0; i < x.length; i++) x[i] *= g;
  return x;
}
