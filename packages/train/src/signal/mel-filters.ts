/**
 * Slaney-style mel filter bank, as librosa's `filters.mel(sr, n_fft, n_mels, fmin, fmax,
 * htk=False, norm='slaney')` (the filters audiotools and therefore DAC's mel loss use):
 * triangles between n_mels + 2 points spaced evenly on the Slaney mel scale (linear below 1 kHz,
 * logarithmic above), each scaled by 2 / (bandwidth in Hz). Rounding follows librosa: triangle
 * values are stored as float32, then multiplied by the float64 norm and stored as float32 again.
 */

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOGSTEP = Math.log(6.4) / 27;

/** Hz → Slaney mel. */
export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
}

/** Slaney mel → Hz. */
export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

/** numpy.linspace(start, stop, n) (endpoint included, last point exactly stop). */
function linspace(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = n > 1 ? (stop - start) / (n - 1) : 0;
  for (let i = 0; i < n; i++) out[i] = i * step + start;
  if (n > 1) out[n - 1] = stop;
  return out;
}

export interface MelFilterOptions {
  sampleRate: number;
  nFft: number;
  nMels: number;
  fmin?: number;
  /** Default sampleRate / 2. */
  fmax?: number;
}

/** The filter bank as a row-major Float32Array [nMels, nFft/2 + 1]. */
export function melFilterBank(opts: MelFilterOptions): Float32Array {
  const { sampleRate: sr, nFft, nMels } = opts;
  const fmin = opts.fmin ?? 0;
  const fmax = opts.fmax ?? sr / 2;
  const nBins = Math.floor(nFft / 2) + 1;
  const fft = new Float64Array(nBins);
  for (let k = 0; k < nBins; k++) fft[k] = (k * sr) / nFft;
  const melPts = linspace(hzToMel(fmin), hzToMel(fmax), nMels + 2);
  const f = melPts.map(melToHz);
  const out = new Float32Array(nMels * nBins);
  for (let i = 0; i < nMels; i++) {
    const dLo = f[i + 1] - f[i];
    const dHi = f[i + 2] - f[i + 1];
    const enorm = 2 / (f[i + 2] - f[i]);
    for (let k = 0; k < nBins; k++) {
      const lower = -(f[i] - fft[k]) / dLo;
      const upper = (f[i + 2] - fft[k]) / dHi;
      const tri = Math.fround(Math.max(0, Math.min(lower, upper)));
      out[i * nBins + k] = Math.fround(tri * enorm);
    }
  }
  return out;
}

/** The same bank transposed, [nFft/2 + 1, nMels], ready for `magnitude [·, K] · bank`. */
export function melFilterBankTransposed(opts: MelFilterOptions): Float32Array {
  const fb = melFilterBank(opts);
  const nBins = Math.floor(opts.nFft / 2) + 1;
  const out = new Float32Array(fb.length);
  for (let i = 0; i < opts.nMels; i++) for (let k = 0; k < nBins; k++) out[k * opts.nMels + i] = fb[i * nBins + k];
  return out;
}
