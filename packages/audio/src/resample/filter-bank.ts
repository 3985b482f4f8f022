import { besselI0, kaiserBeta, kaiserLength, kaiserWindow, sinc } from './kaiser.js';

export type ResampleQuality = 'fast' | 'high';

/** Passband edge (fraction of the lower Nyquist) and stopband attenuation of each quality. */
export const QUALITY: Record<ResampleQuality, { passband: number; attenuationDb: number }> = {
  // Flat to 95 % of the lower Nyquist, ≥ 100 dB rejection from the Nyquist frequency on.
  high: { passband: 0.95, attenuationDb: 100 },
  // Flat to 85 %, ≥ 70 dB rejection; about 4× cheaper than 'high'.
  fast: { passband: 0.85, attenuationDb: 70 },
};

/** Above this many phases the bank is tabulated at TABLE_PHASES and interpolated linearly. */
export const MAX_EXACT_PHASES = 4096;
const TABLE_PHASES = 4096;

/**
 * A polyphase windowed-sinc (Kaiser) low-pass for resampling by up/down = L/M (reduced).
 *
 * In units of input samples the prototype is h(τ) = fc·sinc(fc·τ)·w(τ/half), with fc the cutoff as a
 * fraction of the input Nyquist: the stopband starts exactly at the lower of the two Nyquist
 * frequencies (no aliasing, no imaging) and the passband ends at `passband` of it. Output sample n
 * lies at input time n·M/L; its fractional part is one of L phases p/L, each with its own `taps`
 * coefficients applied to input samples i−half+1 … i+half (i = ⌊n·M/L⌋). Each phase is normalised
 * to unit DC gain.
 */
export class FilterBank {
  readonly half: number;
  readonly taps: number;
  /** Rows of `taps` coefficients: one per phase (exact) or per table step (interpolated). */
  readonly table: Float64Array;
  readonly rows: number;
  readonly exact: boolean;

  constructor(
    readonly up: number,
    readonly down: number,
    quality: ResampleQuality,
  ) {
    const { passband, attenuationDb } = QUALITY[quality];
    const scale = Math.min(1, up / down); // lower Nyquist as a fraction of the input Nyquist
    const stop = scale;
    const pass = passband * scale;
    const fc = (pass + stop) / 2;
    const length = kaiserLength(attenuationDb, Math.PI * (stop - pass));
    this.half = Math.max(1, Math.ceil(length / 2));
    this.taps = 2 * this.half;
    this.exact = up <= MAX_EXACT_PHASES;
    this.rows = this.exact ? up : TABLE_PHASES + 1;
    this.table = new Float64Array(this.rows * this.taps);
    const beta = kaiserBeta(attenuationDb);
    const i0Beta = besselI0(beta);
    for (let r = 0; r < this.rows; r++) {
      const frac = this.exact ? r / up : r / TABLE_PHASES; // output position after input sample i
      let sum = 0;
      for (let k = 0; k < this.taps; k++) {
        const tau = frac - (k - this.half + 1); // distance from input sample i−half+1+k
        const v = fc * sinc(fc * tau) * kaiserWindow(tau / this.half, beta, i0Beta);
        this.table[r * this.taps + k] = v;
        sum += v;
      }
      for (let k = 0; k < this.taps; k++) this.table[r * this.taps + k] /= sum;
    }
  }

  /**
   * Interpolates the coefficients for output phase `phase` (0 ≤ phase < up) into `scratch` (length
   * `taps`); only for banks that are not exact (exact banks index `table` at phase·taps directly).
   */
  interpolate(phase: number, scratch: Float64Array): void {
    const pos = (phase / this.up) * TABLE_PHASES;
    const r0 = Math.floor(pos);
    const a = pos - r0;
    const t = this.taps;
    const o0 = r0 * t;
    const o1 = Math.min(r0 + 1, TABLE_PHASES) * t;
    for (let k = 0; k < t; k++) scratch[k] = (1 - a) * this.table[o0 + k] + a * this.table[o1 + k];
  }
}
