import { type CodingParams, codingParams } from './coding/params.js';
import { BitstreamError } from './errors.js';
import { decodeChunk, decodeEnd } from './format/chunk.js';
import { RECORD } from './format/constants.js';
import { readHeader } from './format/header.js';
import { LIMITS } from './format/limits.js';
import { readRecord } from './format/records.js';
import type { ChannelFrames, Coding, StreamHeader } from './types.js';

export interface DecodedChunk {
  /** 0-based chunk number. */
  index: number;
  /** Index of the chunk's first frame in the stream. */
  startFrame: number;
  frames: number;
  coding: Coding;
  /** Bytes of the chunk record, framing included. */
  byteLength: number;
  /** One entry per channel, each with `frames` counts. */
  channels: ChannelFrames[];
}

export type ReaderEvent =
  | { type: 'header'; header: StreamHeader }
  | { type: 'chunk'; chunk: DecodedChunk }
  | { type: 'end'; totalFrames: number; originalLength: number | null };

export interface ReaderOptions {
  /**
   * Stop with LIMIT_EXCEEDED once more than this many codes (all channels) have been decoded.
   * Guards against decompression bombs; default: no limit for the reader (2^25 for decodeFile).
   */
  maxTotalCodes?: number;
}

type State = 'header' | 'records' | 'done';

/**
 * Incremental `.vrvq` reader: feed bytes in pieces of any size with `push`, get the events that
 * became complete. It buffers at most one incomplete record (≤ 16 MiB + framing, and never more
 * than it was actually given), and parses straight from the caller's array when nothing is
 * pending. After an error the reader is dead and rethrows it.
 */
export class VrvqReader {
  private state: State = 'header';
  private buf = new Uint8Array(0);
  private head = 0;
  private tail = 0;
  /** Stream offset of buf[head] (or of the next byte when the buffer is empty). */
  private offset = 0;
  private hdr: StreamHeader | null = null;
  private params: CodingParams | null = null;
  private chunkIndex = 0;
  private frames = 0;
  private codes = 0;
  private failure: unknown = null;
  private readonly maxCodes: number;

  constructor(opts: ReaderOptions = {}) {
    this.maxCodes = opts.maxTotalCodes ?? Number.POSITIVE_INFINITY;
  }

  /** The header, once parsed. */
  get header(): StreamHeader | null {
    return this.hdr;
  }

  /** True once the end record has been read. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** Bytes held for an incomplete record. */
  get bufferedBytes(): number {
    return this.tail - this.head;
  }

  push(bytes: Uint8Array): ReaderEvent[] {
    if (this.failure) throw this.failure;
    try {
      return this.pushInner(bytes);
    } catch (e) {
      this.failure = e;
      throw e;
    }
  }

  /** Declares the end of input; throws TRUNCATED unless a complete stream was read. */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.state === 'done') return;
    const where = this.state === 'header' ? 'the header' : 'a record (or the end record is missing)';
    this.failure = new BitstreamError('TRUNCATED', `stream ends inside ${where}`, this.offset + this.bufferedBytes);
    throw this.failure;
  }

  private pushInner(bytes: Uint8Array): ReaderEvent[] {
    if (bytes.length === 0) return [];
    if (this.state === 'done') throw new BitstreamError('TRAILING_DATA', 'bytes follow the end record', this.offset);
    const events: ReaderEvent[] = [];
    if (this.head === this.tail) {
      // Nothing pending: parse in place, keep only the incomplete tail.
      const used = this.process(bytes, 0, bytes.length, events);
      this.offset += used;
      this.buf = new Uint8Array(0);
      this.head = this.tail = 0;
      if (used < bytes.length) this.append(bytes.subarray(used));
    } else {
      this.append(bytes);
      const used = this.process(this.buf, this.head, this.tail, events) - this.head;
      this.head += used;
      this.offset += used;
      if (this.head === this.tail) {
        this.buf = new Uint8Array(0);
        this.head = this.tail = 0;
      } else {
        this.shrink();
      }
    }
    return events;
  }

  private append(bytes: Uint8Array): void {
    const pending = this.tail - this.head;
    if (this.tail + bytes.length > this.buf.length) {
      const need = pending + bytes.length;
      if (need <= this.buf.length) {
        this.buf.copyWithin(0, this.head, this.tail);
      } else {
        let cap = Math.max(64, this.buf.length * 2);
        while (cap < need) cap *= 2;
        const next = new Uint8Array(cap);
        next.set(this.buf.subarray(this.head, this.tail));
        this.buf = next;
      }
      this.head = 0;
      this.tail = pending;
    }
    this.buf.set(bytes, this.tail);
    this.tail += bytes.length;
  }

  /** After a large push, keep no more than about twice the incomplete record's bytes. */
  private shrink(): void {
    const pending = this.tail - this.head;
    if (this.buf.length > 65_536 && this.buf.length > 4 * pending) {
      this.buf = this.buf.slice(this.head, this.tail);
      this.head = 0;
      this.tail = pending;
    }
  }

  /** Parses whole units from bytes[pos, end); returns the position after the last one. */
  private process(bytes: Uint8Array, pos: number, end: number, events: ReaderEvent[]): number {
    const base = this.offset - pos; // stream offset of bytes[0]
    while (pos < end) {
      if (this.state === 'done') throw new BitstreamError('TRAILING_DATA', 'bytes follow the end record', base + pos);
      if (this.state === 'header') {
        const h = readHeader(bytes, pos, end, base);
        if (h === 'incomplete') return pos;
        this.hdr = h.header;
        this.params = codingParams(h.header);
        this.state = 'records';
        pos += h.size;
        events.push({ type: 'header', header: h.header });
        continue;
      }
      const rec = readRecord(bytes, pos, end, base);
      if (rec === 'incomplete') return pos;
      this.handleRecord(bytes, pos, rec.type, rec.bodyStart, rec.bodyEnd, rec.size, base, events);
      pos += rec.size;
    }
    return pos;
  }

  private handleRecord(
    bytes: Uint8Array,
    pos: number,
    type: number,
    bodyStart: number,
    bodyEnd: number,
    size: number,
    base: number,
    events: ReaderEvent[],
  ): void {
    const header = this.hdr!;
    if (type === RECORD.end) {
      const e = decodeEnd(bytes, bodyStart, bodyEnd, base);
      if (e.totalFrames !== this.frames) {
        throw new BitstreamError('END_INVALID', `end record says ${e.totalFrames} frames; the chunks held ${this.frames}`, base + pos);
      }
      if (e.originalLength !== null && header.originalLength !== null && e.originalLength !== header.originalLength) {
        throw new BitstreamError(
          'END_INVALID',
          `end record original length ${e.originalLength} disagrees with the header's ${header.originalLength}`,
          base + pos,
        );
      }
      this.state = 'done';
      events.push({ type: 'end', totalFrames: e.totalFrames, originalLength: header.originalLength ?? e.originalLength });
      return;
    }
    if (type === RECORD.rawChunk || type === RECORD.entropyChunk) {
      if (type === RECORD.entropyChunk && header.coding === 'raw') {
        throw new BitstreamError('CHUNK_INVALID', 'entropy-coded chunk in a stream whose header declares raw coding', base + pos);
      }
      const d = decodeChunk(this.params!, type, bytes, bodyStart, bodyEnd, base);
      if (this.frames + d.frames > LIMITS.maxTotalFrames) {
        throw new BitstreamError('LIMIT_EXCEEDED', `stream exceeds ${LIMITS.maxTotalFrames} frames`, base + pos);
      }
      for (const ch of d.channels) this.codes += ch.codes.length;
      if (this.codes > this.maxCodes) {
        throw new BitstreamError('LIMIT_EXCEEDED', `stream decodes to more than ${this.maxCodes} codes (maxTotalCodes)`, base + pos);
      }
      events.push({
        type: 'chunk',
        chunk: { index: this.chunkIndex++, startFrame: this.frames, frames: d.frames, coding: d.coding, byteLength: size, channels: d.channels },
      });
      this.frames += d.frames;
    }
    // Ancillary records (type ≥ 0x80) were CRC-checked by readRecord and are skipped.
  }
}
