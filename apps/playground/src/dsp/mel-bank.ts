/**
 * Slaney-scale mel filter bank (librosa `filters.mel(htk=False, norm='slaney')`, as DAC's mel loss
 * uses): n_mels + 2 points evenly spaced on the Slaney mel scale from fmin to fmax, triangles
 * between neighbours, each scaled by 2 / (its width in Hz). Stored sparsely: each filter as the
 * first bin it touches and its non-zero weights.
 */
export interface MelFilter {
  start: number;
  weights: Float64Array;
}

const HZ_PER_MEL = 200 / 3; // linear part: 3 mel per 200 Hz
const BREAK_HZ = 1000;
const BREAK_MEL = BREAK_HZ / HZ_PER_MEL; // 15
const LOG_STEP = Math.log(6.4) / 27; // log part: 27 mel per factor 6.4

export function hzToMel(hz: number): number {
  return hz < BREAK_HZ ? hz / HZ_PER_MEL : BREAK_MEL + Math.log(hz / BREAK_HZ) / LOG_STEP;
}

export function melToHz(mel: number): number {
  return mel < BREAK_MEL ? mel * HZ_PER_MEL : BREAK_HZ * Math.exp((mel - BREAK_MEL) * LOG_STEP);
}

export function melFilters(sampleRate: number, nFft: number, nMels: number, fmin = 0, fmax = sampleRate / 2): MelFilter[] {
  const bins = nFft / 2 + 1;
  const lo = hzToMel(fmin);
  const hi = hzToMel(fmax);
  const edges = Array.from({ length: nMels + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (nMels + 1)));
  const out: MelFilter[] = [];
  for (let m = 0; m < nMels; m++) {
    const [f0, f1, f2] = [edges[m], edges[m + 1], edges[m + 2]];
    const norm = 2 / (f2 - f0);
    const w = new Float64Array(bins);
    let first = -1;
    let last = -1;
    for (let k = 0; k < bins; k++) {
      const hz = (k * sampleRate) / nFft;
      const v = Math.max(0, Math.min((hz - f0) / (f1 - f0), (f2 - hz) / (f2 - f1)));
      if (v > 0) {
        w[k] = v * norm;
        if (first < 0) first = k;
        last = k;
      }
    }
    out.push(first < 0 ? { start: 0, weights: new Float64Array(0) } : { start: first, weights: w.slice(first, last + 1) });
  }
  return out;
}

/** Applies the bank to one magnitude spectrum: out[m] = Σ_k W[m, k]·mag[k]. */
export function applyMel(filters: MelFilter[], mag: Float64Array, out: Float64Array): void {
  for (let m = 0; m < filters.length; m++) {
    const { start, weights } = filters[m];
    let s = 0;
    for (let i = 0; i < weights.length; i++) s += weights[i] * mag[start + i];
    out[m] = s;
  }
}
