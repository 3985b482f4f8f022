import { hannWindow } from './window.js';

/**
 * The windowed real DFT of frames and its adjoint, by radix-2 FFT in float64 (window length a
 * power of two), two real frames per complex FFT. Computes exactly what the matMul against
 * `windowedDftBasis(win)` computes — spec = frames · B with B [win, 2K] the Hann-windowed
 * cos | −sin basis, K = win/2 + 1 — in O(win·log win) per frame instead of O(win²).
 */
export class WindowedRdft {
  readonly win: number;
  readonly bins: number;
  private readonly window: Float64Array;
  private readonly rev: Uint32Array;
  private readonly cos: Float64Array; // cos(2πt/win), t < win/2
  private readonly sin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(win: number) {
    if (!Number.isInteger(win) || win < 2 || (win & (win - 1)) !== 0) {
      throw new RangeError(`WindowedRdft needs a power-of-two window length, got ${win}`);
    }
    this.win = win;
    this.bins = win / 2 + 1;
    this.window = hannWindow(win);
    const bits = Math.log2(win);
    this.rev = new Uint32Array(win);
    for (let i = 0; i < win; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.cos = new Float64Array(win / 2);
    this.sin = new Float64Array(win / 2);
    for (let t = 0; t < win / 2; t++) {
      // Angles reduced in integers first, as the basis does.
      this.cos[t] = Math.cos((2 * Math.PI * t) / win);
      this.sin[t] = Math.sin((2 * Math.PI * t) / win);
    }
    this.re = new Float64Array(win);
    this.im = new Float64Array(win);
  }

  /** In-place forward FFT (e^{−2πi·kn/win}) of re/im, already in bit-reversed order. */
  private fft(): void {
    const { re, im, cos, sin, win: n } = this;
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let i = 0; i < n; i += size) {
        for (let k = 0, t = 0; k < half; k++, t += step) {
          const a = i + k;
          const b = a + half;
          const wr = cos[t];
          const wi = -sin[t];
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  }

  /**
   * frames [rows, win] (row-major) → spec [rows, 2K]: real parts in columns 0…K−1, imaginary
   * parts in K…2K−1, X[k] = Σ_n w[n]·x[n]·e^{−2πi·kn/win}.
   */
  forward(frames: Float32Array, rows: number, spec: Float32Array): void {
    const { win: n, bins: k, window: w, rev, re, im } = this;
    for (let r = 0; r < rows; r += 2) {
      const a = r * n;
      const pair = r + 1 < rows;
      const b = a + n;
      // z = w·(x_a + i·x_b), placed in bit-reversed order
      for (let i = 0; i < n; i++) {
        const j = rev[i];
        re[j] = w[i] * frames[a + i];
        im[j] = pair ? w[i] * frames[b + i] : 0;
      }
      this.fft();
      // X_a[k] = (Z[k] + conj Z[−k])/2, X_b[k] = (Z[k] − conj Z[−k])/(2i)
      const oa = r * 2 * k;
      const ob = oa + 2 * k;
      for (let f = 0; f < k; f++) {
        const m = (n - f) % n;
        spec[oa + f] = 0.5 * (re[f] + re[m]);
        spec[oa + k + f] = 0.5 * (im[f] - im[m]);
        if (pair) {
          spec[ob + f] = 0.5 * (im[f] + im[m]);
          spec[ob + k + f] = 0.5 * (re[m] - re[f]);
        }
      }
    }
  }

  /**
   * The adjoint of `forward` (the backward pass of spec = frames · B, i.e. dspec · Bᵀ):
   * dspec [rows, 2K] → dframes [rows, win], dframes[n] = w[n]·Re Σ_{k<K} (dRe[k] + i·dIm[k])·e^{+2πi·kn/win}.
   */
  adjoint(dspec: Float32Array, rows: number, dframes: Float32Array): void {
    const { win: n, bins: k, window: w, rev, re, im } = this;
    const half = n / 2;
    for (let r = 0; r < rows; r += 2) {
      const pair = r + 1 < rows;
      const sa = r * 2 * k;
      const sb = sa + 2 * k;
      // H[f] = (Z[f] + conj Z[−f])/2 (Hermitian, so its inverse transform is real: Re of the sum
      // above); Y = H_a + i·H_b; y = Σ Y[f]·e^{+iφ} = h_a + i·h_b = conj(FFT(conj Y)).
      for (let f = 0; f < n; f++) {
        let ar: number;
        let ai: number;
        let br = 0;
        let bi = 0;
        if (f === 0 || f === half) {
          ar = dspec[sa + f];
          ai = 0;
          if (pair) br = dspec[sb + f];
        } else if (f < half) {
          ar = 0.5 * dspec[sa + f];
          ai = 0.5 * dspec[sa + k + f];
          if (pair) {
            br = 0.5 * dspec[sb + f];
            bi = 0.5 * dspec[sb + k + f];
          }
        } else {
          ar = 0.5 * dspec[sa + n - f];
          ai = -0.5 * dspec[sa + k + n - f];
          if (pair) {
            br = 0.5 * dspec[sb + n - f];
            bi = -0.5 * dspec[sb + k + n - f];
          }
        }
        const j = rev[f];
        re[j] = ar - bi; // Re Y
        im[j] = -(ai + br); // −Im Y (conjugate)
      }
      this.fft();
      const oa = r * n;
      for (let i = 0; i < n; i++) dframes[oa + i] = w[i] * re[i];
      if (pair) for (let i = 0; i < n; i++) dframes[oa + n + i] = -w[i] * im[i];
    }
  }
}
