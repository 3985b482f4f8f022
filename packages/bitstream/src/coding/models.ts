import type { RangeDecoder, RangeEncoder } from './range-coder.js';

/**
 * Adaptive frequency model over symbols 0..size−1 (part of the format: a decoder must update
 * exactly like this). Every frequency starts at 1. After a symbol is coded its frequency grows by
 * `increment`; when the total then exceeds `limit` (≤ 2^16), every frequency f becomes
 * ⌊(f + 1)/2⌋. Cumulative frequencies run in symbol order.
 *
 * Sizes up to 64 use a linear scan; larger (power-of-two) sizes a Fenwick tree.
 */
export interface AdaptiveModel {
  readonly total: number;
  freqOf(s: number): number;
  encode(enc: RangeEncoder, s: number): void;
  decode(dec: RangeDecoder): number;
  update(s: number): void;
}

/** The rescaling step of both models: every frequency f becomes ⌊(f + 1)/2⌋; returns the new total. */
function halve(freq: Uint32Array): number {
  let total = 0;
  for (let i = 0; i < freq.length; i++) {
    freq[i] = (freq[i] + 1) >>> 1;
    total += freq[i];
  }
  return total;
}

export class SmallModel implements AdaptiveModel {
  private readonly freq: Uint32Array; // [size]
  total: number;

  constructor(
    readonly size: number,
    private readonly increment: number,
    private readonly limit: number,
  ) {
    this.freq = new Uint32Array(size).fill(1);
    this.total = size;
  }

  freqOf(s: number): number {
    return this.freq[s];
  }

  encode(enc: RangeEncoder, s: number): void {
    let cum = 0;
    for (let i = 0; i < s; i++) cum += this.freq[i];
    enc.encode(cum, this.freq[s], this.total);
    this.update(s);
  }

  decode(dec: RangeDecoder): number {
    const v = dec.target(this.total);
    let cum = 0;
    let s = 0;
    while (cum + this.freq[s] <= v) cum += this.freq[s++];
    dec.consume(cum, this.freq[s]);
    this.update(s);
    return s;
  }

  update(s: number): void {
    this.freq[s] += this.increment;
    this.total += this.increment;
    if (this.total > this.limit) this.total = halve(this.freq);
  }
}

/** The same model over a power-of-two alphabet, with O(log size) cumulative sums (Fenwick tree). */
export class TreeModel implements AdaptiveModel {
  private readonly freq: Uint32Array; // [size]
  private readonly tree: Uint32Array; // [size + 1], 1-based Fenwick sums of freq
  total: number;

  constructor(
    readonly size: number,
    private readonly increment: number,
    private readonly limit: number,
  ) {
    this.freq = new Uint32Array(size).fill(1);
    this.tree = new Uint32Array(size + 1);
    this.total = size;
    this.rebuild();
  }

  private rebuild(): void {
    const { tree, freq, size } = this;
    for (let i = 1; i <= size; i++) tree[i] = freq[i - 1];
    for (let i = 1; i <= size; i++) {
      const j = i + (i & -i);
      if (j <= size) tree[j] += tree[i];
    }
  }

  freqOf(s: number): number {
    return this.freq[s];
  }

  private cumBefore(s: number): number {
    let sum = 0;
    for (let i = s; i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  encode(enc: RangeEncoder, s: number): void {
    enc.encode(this.cumBefore(s), this.freq[s], this.total);
    this.update(s);
  }

  decode(dec: RangeDecoder): number {
    let v = dec.target(this.total);
    const target = v;
    let pos = 0;
    for (let step = this.size; step > 0; step >>>= 1) {
      const next = pos + step;
      if (next <= this.size && this.tree[next] <= v) {
        pos = next;
        v -= this.tree[next];
      }
    }
    // pos = symbol s: cum(s) ≤ target < cum(s) + freq[s]
    dec.consume(target - v, this.freq[pos]);
    this.update(pos);
    return pos;
  }

  update(s: number): void {
    const inc = this.increment;
    this.freq[s] += inc;
    for (let i = s + 1; i <= this.size; i += i & -i) this.tree[i] += inc;
    this.total += inc;
    if (this.total > this.limit) {
      this.total = halve(this.freq);
      this.rebuild();
    }
  }
}
