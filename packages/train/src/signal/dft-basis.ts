import { hannWindow } from './window.js';

/**
 * The windowed real-DFT basis as one matrix [win, 2K] (K = win/2 + 1 bins), laid out so that
 * frames [F, win] · basis = [F, 2K] gives the real parts in columns 0..K−1 and the imaginary parts
 * in columns K..2K−1, with torch.stft's sign convention X[k] = Σₙ w[n]·x[n]·e^{−2πi·kn/win}.
 * Angles are reduced modulo win in integers before the float64 cos/sin, so large k·n stay exact.
 */
export function windowedDftBasis(win: number): Float32Array {
  const k = Math.floor(win / 2) + 1;
  const w = hannWindow(win);
  const out = new Float32Array(win * 2 * k);
  for (let n = 0; n < win; n++) {
    const row = n * 2 * k;
    for (let b = 0; b < k; b++) {
      const phase = (2 * Math.PI * ((b * n) % win)) / win;
      out[row + b] = w[n] * Math.cos(phase);
      out[row + k + b] = -w[n] * Math.sin(phase);
    }
  }
  return out;
}
