import { BitstreamError } from '../errors.js';

/** Writes fields of 0..16 bits MSB-first into a preallocated byte array; padding bits stay 0. */
export class BitWriter {
  private acc = 0; // < 2^24: fewer than 8 pending bits, then up to 16 new ones
  private nbits = 0; // pending bits in acc, 0..7 between calls
  private pos = 0;

  constructor(private readonly out: Uint8Array) {}

  /** Appends the low `n` bits of `value` (0 ≤ n ≤ 16), most significant bit first. */
  write(value: number, n: number): void {
    this.acc = (this.acc << n) | value;
    this.nbits += n;
    while (this.nbits >= 8) {
      this.nbits -= 8;
      this.out[this.pos++] = (this.acc >>> this.nbits) & 0xff;
    }
    this.acc &= (1 << this.nbits) - 1;
  }

  /** Flushes a partial last byte (zero padded); returns the number of bytes written. */
  finish(): number {
    if (this.nbits > 0) {
      this.out[this.pos++] = (this.acc << (8 - this.nbits)) & 0xff;
      this.acc = 0;
      this.nbits = 0;
    }
    return this.pos;
  }
}

/** Reads fields of 0..16 bits MSB-first from `bytes[start, end)`; overruns throw CHUNK_INVALID. */
export class BitReader {
  private acc = 0;
  private nbits = 0;
  private pos: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
    private readonly base: number,
  ) {
    this.pos = start;
  }

  /** Bits not yet read, including those buffered. */
  get bitsLeft(): number {
    return (this.end - this.pos) * 8 + this.nbits;
  }

  read(n: number): number {
    while (this.nbits < n) {
      if (this.pos >= this.end) {
        throw new BitstreamError('CHUNK_INVALID', 'raw payload is shorter than its frame counts require', this.base + this.pos);
      }
      this.acc = ((this.acc << 8) | this.bytes[this.pos++]) & 0xffffff;
      this.nbits += 8;
    }
    this.nbits -= n;
    return (this.acc >>> this.nbits) & ((1 << n) - 1);
  }

  /** Throws unless every remaining bit is a zero padding bit of the last byte. */
  expectEnd(): void {
    if (this.pos !== this.end) {
      throw new BitstreamError('CHUNK_INVALID', `raw payload has ${this.end - this.pos} byte(s) more than its frames need`, this.base + this.pos);
    }
    if ((this.acc & ((1 << this.nbits) - 1)) !== 0) {
      throw new BitstreamError('CHUNK_INVALID', 'raw payload padding bits are not zero', this.base + this.pos - 1);
    }
  }
}
