import { AudioError } from '../errors.js';

/** Largest size an `Fft` accepts (the bit tricks below work on 31-bit integers). */
const MAX_SIZE = 2 ** 30;

/**
 * Radix-2 complex FFT on `Float64Array`s, in place, with the bit-reversal and twiddle tables built
 * once per size. Plain JS on samples (no tensors): spectrograms, metrics, augmentation.
 *
 * Forward: X[k] = Σ_n x[n]·e^{−2πikn/N}. Inverse: x[n] = (1/N)·Σ_k X[k]·e^{+2πikn/N}, so an inverse
 * after a forward transform gives the input back (to float rounding).
 */
export class Fft {
  readonly size: number;
  private readonly rev: Uint32Array;
  private readonly cos: Float64Array;
  /** −sin(2πk/N): the imaginary parts of the forward twiddles. */
  private readonly sin: Float64Array;

  /** `size` must be a power of two, 1 … 2^30; otherwise `AudioError('invalid_argument')`. */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE || (size & (size - 1)) !== 0) {
      throw new AudioError('invalid_argument', `FFT size must be a power of two from 1 to 2^30, got ${size}.`);
    }
    this.size = size;
    const bits = Math.log2(size);
    this.rev = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
  }

  /**
   * The DFT of (re, im), in place; both arrays must have length `size`. `inverse: true` computes
   * the inverse DFT including the 1/N factor.
   */
  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    const n = this.size;
    if (re.length !== n || im.length !== n) {
      throw new AudioError('invalid_argument', `FFT of size ${n} needs arrays of that length, got ${re.length} and ${im.length}.`);
    }
    for (let i = 0; i < n; i++) {
      const j = this.rev[i];
      if (j > i) {
        let t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    const sign = inverse ? -1 : 1;
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let start = 0; start < n; start += len) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step];
          const wi = sign * this.sin[k * step];
          const a = start + k;
          const b = a + half;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
    if (inverse && n > 1) {
      const s = 1 / n; // exact: n is a power of two
      for (let i = 0; i < n; i++) {
        re[i] *= s;
        im[i] *= s;
      }
    }
  }
}

/** How many sizes `fftOfSize` keeps; the least recently used one goes first. */
const CACHE_SIZES = 8;
const cache = new Map<number, Fft>();

/** A shared `Fft` of the given size (tables built on first use; the last few sizes are kept). */
export function fftOfSize(size: number): Fft {
  let f = cache.get(size);
  if (f) {
    cache.delete(size); // re-insert: Map order is the recency order
  } else {
    f = new Fft(size);
    if (cache.size >= CACHE_SIZES) cache.delete(cache.keys().next().value as number);
  }
  cache.set(size, f);
  return f;
}
