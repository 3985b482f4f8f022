import { AudioError } from '../errors.js';
import { FilterBank, type ResampleQuality } from './filter-bank.js';

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function checkRate(name: string, rate: number): void {
  if (!Number.isInteger(rate) || rate < 1 || rate > 10_000_000) {
    throw new AudioError('invalid_argument', `${name} must be a positive integer number of Hz, got ${rate}.`);
  }
}

export interface ResampleOptions {
  /** 'high' (default): flat to 95 % of the lower Nyquist, ≥ 100 dB rejection; 'fast': 85 %, ≥ 70 dB. */
  quality?: ResampleQuality;
}

/**
 * Streaming band-limited resampler: feed blocks with `process`, end with `flush`. Output sample n
 * sits at input time n·from/to (sample 0 aligned with sample 0, no delay), the input is taken as
 * zero outside the signal, and the concatenated output has exactly round(N·to/from) samples for N
 * input samples — the same samples, to float rounding, however the input is split into blocks.
 * Memory is O(block + filter length).
 */
export class Resampler {
  readonly up: number;
  readonly down: number;
  private readonly bank: FilterBank;
  private readonly scratch: Float64Array;
  /** Input samples from absolute index `start` on; `len` of them are valid. */
  private buf: Float32Array;
  private len: number;
  private start: number;
  private totalIn = 0;
  private nextOut = 0;
  private flushed = false;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
    opts: ResampleOptions = {},
  ) {
    checkRate('fromRate', fromRate);
    checkRate('toRate', toRate);
    const quality = opts.quality ?? 'high';
    if (quality !== 'high' && quality !== 'fast') throw new AudioError('invalid_argument', `Unknown resampling quality "${quality}".`);
    const g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    this.bank = new FilterBank(this.up, this.down, quality);
    this.scratch = new Float64Array(this.bank.taps);
    // Start with `half` zeros before sample 0, so the first outputs see silence on their left.
    this.buf = new Float32Array(Math.max(1024, 4 * this.bank.taps));
    this.len = this.bank.half;
    this.start = -this.bank.half;
  }

  /** Input samples consumed, output samples produced so far. */
  get counts(): { input: number; output: number } {
    return { input: this.totalIn, output: this.nextOut };
  }

  private append(x: Float32Array): void {
    if (this.len + x.length > this.buf.length) {
      const grown = new Float32Array(Math.max(this.buf.length * 2, this.len + x.length));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(x, this.len);
    this.len += x.length;
  }

  /** Computes outputs nextOut … end−1; all the input they need must be in the buffer. */
  private produce(end: number): Float32Array {
    const count = Math.max(0, end - this.nextOut);
    const out = new Float32Array(count);
    const { up, down } = this;
    const { half, taps } = this.bank;
    const buf = this.buf;
    const exact = this.bank.exact;
    const coef = exact ? this.bank.table : this.scratch;
    const shift = half - 1 + this.start;
    for (let o = 0; o < count; o++) {
      const t = (this.nextOut + o) * down; // input time × up
      const i = Math.floor(t / up);
      const phase = t - i * up;
      let c0 = 0;
      if (exact) c0 = phase * taps;
      else this.bank.interpolate(phase, this.scratch);
      const base = i - shift; // buffer index of input sample i − half + 1
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += buf[base + k] * coef[c0 + k];
      out[o] = acc;
    }
    this.nextOut += count;
    // Drop input no later output needs (its window starts at ⌊nextOut·down/up⌋ − half + 1).
    const keepFrom = Math.floor((this.nextOut * down) / up) - half + 1;
    const drop = Math.min(this.len, Math.max(0, keepFrom - this.start));
    if (drop > 0) {
      this.buf.copyWithin(0, drop, this.len);
      this.len -= drop;
      this.start += drop;
    }
    return out;
  }

  /** Feeds input samples; returns every output sample that no longer depends on future input. */
  process(x: Float32Array): Float32Array {
    if (this.flushed) throw new AudioError('invalid_argument', 'Resampler.process after flush.');
    this.append(x);
    this.totalIn += x.length;
    // Output n needs input up to ⌊n·down/up⌋ + half ≤ totalIn − 1.
    const lastReady = this.totalIn - 1 - this.bank.half; // largest usable ⌊t⌋
    const end = lastReady < 0 ? 0 : Math.floor(((lastReady + 1) * this.up - 1) / this.down) + 1;
    // Never pass round(totalIn·to/from): the final length can only be larger.
    const target = Math.round((this.totalIn * this.up) / this.down);
    return this.produce(Math.min(end, target));
  }

  /** Ends the input (zeros follow) and returns the remaining outputs up to round(N·to/from). */
  flush(): Float32Array {
    if (this.flushed) return new Float32Array(0);
    this.flushed = true;
    this.append(new Float32Array(2 * this.bank.taps + 2));
    const target = Math.round((this.totalIn * this.up) / this.down);
    return this.produce(target);
  }
}

/**
 * Band-limited resampling of a whole signal (Kaiser-windowed sinc, polyphase), with exactly
 * round(N·toRate/fromRate) output samples. Downsampling removes everything above the new Nyquist
 * frequency before decimation (≥ 100 dB for 'high', ≥ 70 dB for 'fast'). Rates are positive integers.
 */
export function resample(x: Float32Array, fromRate: number, toRate: number, opts: ResampleOptions = {}): Float32Array {
  const r = new Resampler(fromRate, toRate, opts);
  if (r.up === r.down) return x.slice();
  const a = r.process(x);
  const b = r.flush();
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
