import { BitstreamError } from '../errors.js';
import { ByteWriter } from '../io/byte-writer.js';

/**
 * A byte-oriented range coder (the LZMA construction generalised to multi-symbol frequencies).
 * All state is integers below 2^34 held in JS numbers, so every operation is exact and the output
 * is identical on every platform. `tot` ≤ 2^16 always, so r = ⌊range/tot⌋ ≥ 2^8.
 *
 * Encoder: low ∈ [0, 2^33), range ∈ [2^24, 2^32). encode(cum, freq, tot):
 *   r = ⌊range/tot⌋; low += r·cum; range = r·freq; while range < 2^24: range ·= 256, shiftLow().
 * The very first output byte is always 0 and is not stored.
 */
const TOP = 2 ** 24;
const TWO32 = 2 ** 32;

export class RangeEncoder {
  private low = 0;
  private range = TWO32 - 1;
  private cache = 0;
  private pending = 1;
  private first = true;
  private readonly out = new ByteWriter(1024);

  encode(cum: number, freq: number, tot: number): void {
    const r = Math.floor(this.range / tot);
    this.low += r * cum;
    this.range = r * freq;
    while (this.range < TOP) {
      this.range *= 256;
      this.shiftLow();
    }
  }

  /** Codes `value` (0 ≤ value < 2^bits, bits ≤ 16) with a uniform distribution. */
  encodeDirect(value: number, bits: number): void {
    this.encode(value, 1, 2 ** bits);
  }

  private shiftLow(): void {
    if (this.low < 0xff000000 || this.low >= TWO32) {
      const carry = this.low >= TWO32 ? 1 : 0;
      let temp = this.cache;
      do {
        this.emit((temp + carry) & 0xff);
        temp = 0xff;
      } while (--this.pending !== 0);
      this.cache = this.low >>> 24; // bits 24..31 of low mod 2^32
    }
    this.pending++;
    this.low = (this.low % TOP) * 256;
  }

  private emit(byte: number): void {
    if (this.first) {
      this.first = false;
      if (byte !== 0) throw new Error('range coder invariant broken: first byte is not 0');
      return;
    }
    this.out.u8(byte);
  }

  /**
   * Terminates the stream: moves low up to the next multiple of 2^24 (still inside the interval,
   * since range ≥ 2^24), emits everything down to that value's top byte, and drops one trailing
   * zero byte if there is one. A decoder reads 3 or 4 implicit zero bytes past the end.
   */
  finish(): Uint8Array {
    this.low = Math.ceil(this.low / TOP) * TOP;
    this.shiftLow();
    this.shiftLow();
    const bytes = this.out.view();
    const n = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
    return bytes.slice(0, n);
  }
}

/** Decoder for RangeEncoder output at `bytes[start, end)`; bytes past `end` read as 0 (at most 4 of them). */
export class RangeDecoder {
  private code = 0;
  private range = TWO32 - 1;
  private r = 0;
  private pos: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
    private readonly base: number,
  ) {
    this.pos = start;
    for (let i = 0; i < 4; i++) this.code = this.code * 256 + this.next();
  }

  private next(): number {
    if (this.pos < this.end) return this.bytes[this.pos++];
    this.pos++;
    if (this.pos - this.end > 4) {
      throw new BitstreamError('ENTROPY_CORRUPT', 'entropy payload ends before its last symbol', this.base + this.end);
    }
    return 0;
  }

  /** First half of decoding a symbol: the cumulative-frequency target in [0, tot). */
  target(tot: number): number {
    this.r = Math.floor(this.range / tot);
    const v = Math.floor(this.code / this.r);
    if (v >= tot) {
      throw new BitstreamError('ENTROPY_CORRUPT', 'entropy payload decodes outside the coding interval', this.base + Math.min(this.pos, this.end));
    }
    return v;
  }

  /** Second half: consume the symbol whose interval is [cum, cum + freq). */
  consume(cum: number, freq: number): void {
    this.code -= this.r * cum;
    this.range = this.r * freq;
    while (this.range < TOP) {
      this.code = this.code * 256 + this.next();
      this.range *= 256;
    }
  }

  decodeDirect(bits: number): number {
    const v = this.target(2 ** bits);
    this.consume(v, 1);
    return v;
  }

  /** Throws unless the payload was consumed exactly as an encoder would have produced it. */
  finish(): void {
    const over = this.pos - this.end;
    if (over < 3) {
      throw new BitstreamError('ENTROPY_CORRUPT', `entropy payload has ${3 - over} byte(s) its symbols do not use`, this.base + this.pos);
    }
  }
}
