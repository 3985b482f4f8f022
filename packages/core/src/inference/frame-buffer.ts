/** A growable Float32Array queue: append at the end, drop from the front. */
export class SampleQueue {
  private buf: Float32Array;
  private start = 0;
  private end = 0;
  /** Global index of the first sample held. */
  offset = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Float32Array(initial);
  }

  get length(): number {
    return this.end - this.start;
  }

  /** Global index one past the last sample held. */
  get total(): number {
    return this.offset + this.length;
  }

  push(x: Float32Array): void {
    if (this.end + x.length > this.buf.length) {
      const live = this.length;
      const size = Math.max(this.buf.length, 2 * (live + x.length));
      const next = size === this.buf.length ? this.buf : new Float32Array(size);
      next.set(this.buf.subarray(this.start, this.end), 0);
      this.buf = next;
      this.start = 0;
      this.end = live;
    }
    this.buf.set(x, this.end);
    this.end += x.length;
  }

  /** Copy of global samples [from, to) (must be held). */
  read(from: number, to: number): Float32Array {
    if (from < this.offset || to > this.total || to < from) {
      throw new RangeError(`samples [${from}, ${to}) are not held (holding [${this.offset}, ${this.total}))`);
    }
    return this.buf.slice(this.start + from - this.offset, this.start + to - this.offset);
  }

  /** Forgets every sample before global index `upTo`. */
  dropBefore(upTo: number): void {
    const n = Math.min(Math.max(0, upTo - this.offset), this.length);
    this.start += n;
    this.offset += n;
  }
}
