import { BitstreamError, type BitstreamErrorCode } from '../errors.js';

/** Result of trying to read a varint from a possibly incomplete buffer. */
export type VarintPeek = { value: number; size: number } | 'incomplete';

/**
 * Reads an unsigned, minimally encoded LEB128 varint of at most `maxBytes` bytes at `pos`.
 * Returns 'incomplete' when the buffer ends inside it; throws `code` when it is overlong,
 * non-minimal or larger than `max`.
 */
export function peekVarint(
  bytes: Uint8Array,
  pos: number,
  end: number,
  max: number,
  what: string,
  code: BitstreamErrorCode,
  absOffset: number,
): VarintPeek {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    if (pos + i >= end) return 'incomplete';
    const b = bytes[pos + i];
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      if (b === 0 && i > 0) throw new BitstreamError(code, `${what}: non-minimal varint encoding`, absOffset);
      if (value > max) throw new BitstreamError(code, `${what} is ${value}, above the limit ${max}`, absOffset);
      return { value, size: i + 1 };
    }
    scale *= 0x80;
  }
  throw new BitstreamError(code, `${what}: varint longer than 8 bytes`, absOffset);
}

/**
 * A bounds-checked little-endian reader over `bytes[start, end)`. Every read that would pass
 * `end` throws `TRUNCATED` (or the code given to the constructor) with the absolute offset.
 */
export class ByteReader {
  pos: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
    /** Absolute stream offset of `bytes[0]`, for error messages. */
    private readonly base: number,
    /** Code thrown when a read runs past `end`. */
    private readonly overrunCode: BitstreamErrorCode,
    private readonly context: string,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  get offset(): number {
    return this.base + this.pos;
  }

  private need(n: number, what: string): void {
    if (this.pos + n > this.end) {
      throw new BitstreamError(this.overrunCode, `${this.context} ends inside ${what}`, this.offset);
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++];
  }

  u32le(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  f32le(what: string): number {
    this.need(4, what);
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset).getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A varint no larger than `max`; values above throw `code` (default HEADER_INVALID). */
  varint(what: string, max: number, code: BitstreamErrorCode = 'HEADER_INVALID'): number {
    const at = this.offset;
    const r = peekVarint(this.bytes, this.pos, this.end, max, what, code, at);
    if (r === 'incomplete') throw new BitstreamError(this.overrunCode, `${this.context} ends inside ${what}`, at);
    this.pos += r.size;
    return r.value;
  }

  /** A view (not a copy) of the next `n` bytes. */
  view(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}
