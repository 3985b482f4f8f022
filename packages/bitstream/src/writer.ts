import { type CodingParams, codingParams } from './coding/params.js';
import { BitstreamError, requireArg } from './errors.js';
import { encodeChunk, encodeEnd } from './format/chunk.js';
import { resolveHeader, writeHeader } from './format/header.js';
import { DEFAULT_FRAMES_PER_CHUNK, LIMITS, maxFramesPerChunkFor } from './format/limits.js';
import { validateFrames } from './frames.js';
import type { ChannelFrames, Coding, HeaderInput, StreamHeader } from './types.js';

export interface WriterOptions {
  /** 'raw' (default): fixed-width fields; 'entropy': range coding, raw fallback per chunk. */
  coding?: Coding;
  /** Frames per chunk (default 512); at most min(65536, 2^21 / (channels · nq)). */
  framesPerChunk?: number;
}

export interface WriterStats {
  chunks: number;
  rawChunks: number;
  entropyChunks: number;
  frames: number;
  /** Every byte returned so far (header, chunks, end record). */
  bytes: number;
  /** Bytes of the chunk records alone: the coded frames, without the header and end record. */
  chunkBytes: number;
}

/**
 * Incremental `.vrvq` writer. `writeFrames` returns the bytes that are complete (the header on
 * the first call, then every full chunk); at most one chunk of frames is buffered inside, in
 * buffers allocated once. `finish` writes the last partial chunk and the end record.
 */
export class VrvqWriter {
  readonly header: StreamHeader;
  readonly framesPerChunk: number;
  private readonly params: CodingParams;
  private readonly pendCounts: Uint8Array[]; // per channel [framesPerChunk]
  private readonly pendCodes: Int32Array[]; // per channel [framesPerChunk · nq]
  private readonly pendCodeLen: Int32Array; // per channel
  private pendFrames = 0;
  private started = false;
  private finished = false;
  private readonly s: WriterStats = { chunks: 0, rawChunks: 0, entropyChunks: 0, frames: 0, bytes: 0, chunkBytes: 0 };

  constructor(header: HeaderInput, opts: WriterOptions = {}) {
    this.header = resolveHeader(header, opts.coding ?? 'raw');
    const max = maxFramesPerChunkFor(this.header.channels, this.header.nq);
    const fpc = opts.framesPerChunk ?? Math.min(DEFAULT_FRAMES_PER_CHUNK, max);
    requireArg(
      Number.isInteger(fpc) && fpc >= 1 && fpc <= max,
      `framesPerChunk must be an integer in 1..${max} for ${this.header.channels} channel(s) × nq ${this.header.nq}`,
    );
    this.framesPerChunk = fpc;
    this.params = codingParams(this.header);
    const C = this.header.channels;
    this.pendCounts = Array.from({ length: C }, () => new Uint8Array(fpc));
    this.pendCodes = Array.from({ length: C }, () => new Int32Array(fpc * this.header.nq));
    this.pendCodeLen = new Int32Array(C);
  }

  /** Frames buffered for the next chunk (always < framesPerChunk between calls). */
  get pendingFrames(): number {
    return this.pendFrames;
  }

  get stats(): WriterStats {
    return { ...this.s };
  }

  /** Bytes the writer holds for the pending chunk (fixed: it never grows). */
  get bufferBytes(): number {
    return this.pendCounts.reduce((a, b) => a + b.byteLength, 0) + this.pendCodes.reduce((a, b) => a + b.byteLength, 0);
  }

  /** Appends frames (one ChannelFrames per channel, all with the same frame count). */
  writeFrames(channels: ChannelFrames[]): Uint8Array {
    if (this.finished) throw new BitstreamError('INVALID_STATE', 'writeFrames called after finish');
    const T = validateFrames(this.header, channels);
    requireArg(this.s.frames + this.pendFrames + T <= LIMITS.maxTotalFrames, `a stream holds at most ${LIMITS.maxTotalFrames} frames`);
    const out: Uint8Array[] = [];
    this.start(out);
    const C = channels.length;
    const srcCursor = new Int32Array(C);
    let t = 0;
    while (t < T) {
      const take = Math.min(T - t, this.framesPerChunk - this.pendFrames);
      for (let c = 0; c < C; c++) {
        const { counts, codes } = channels[c];
        let n = 0;
        for (let i = t; i < t + take; i++) n += counts[i];
        this.pendCounts[c].set(counts.subarray(t, t + take), this.pendFrames);
        this.pendCodes[c].set(codes.subarray(srcCursor[c], srcCursor[c] + n), this.pendCodeLen[c]);
        srcCursor[c] += n;
        this.pendCodeLen[c] += n;
      }
      this.pendFrames += take;
      t += take;
      if (this.pendFrames === this.framesPerChunk) out.push(this.flushChunk());
    }
    return this.emit(out);
  }

  /**
   * Writes the pending partial chunk and the end record. `originalLength` (samples per channel)
   * may be given here when the header did not know it; if both are given they must agree.
   */
  finish(opts: { originalLength?: number } = {}): Uint8Array {
    if (this.finished) throw new BitstreamError('INVALID_STATE', 'finish called twice');
    const len = opts.originalLength ?? null;
    requireArg(
      len === null || (Number.isInteger(len) && len >= 0 && len < LIMITS.maxOriginalLength),
      `originalLength must be an integer in 0..${LIMITS.maxOriginalLength - 1}`,
    );
    requireArg(
      len === null || this.header.originalLength === null || len === this.header.originalLength,
      `originalLength ${len} disagrees with the header's ${this.header.originalLength}`,
    );
    const out: Uint8Array[] = [];
    this.start(out);
    if (this.pendFrames > 0) out.push(this.flushChunk());
    this.finished = true;
    out.push(encodeEnd(this.s.frames, len));
    return this.emit(out);
  }

  private start(out: Uint8Array[]): void {
    if (this.started) return;
    this.started = true;
    out.push(writeHeader(this.header));
  }

  private flushChunk(): Uint8Array {
    const F = this.pendFrames;
    const chunk = this.pendCounts.map((counts, c) => ({
      counts: counts.subarray(0, F),
      codes: this.pendCodes[c].subarray(0, this.pendCodeLen[c]),
    }));
    const { bytes, coding } = encodeChunk(this.params, chunk, this.header.coding);
    this.s.chunks++;
    if (coding === 'raw') this.s.rawChunks++;
    else this.s.entropyChunks++;
    this.s.frames += F;
    this.s.chunkBytes += bytes.length;
    this.pendFrames = 0;
    this.pendCodeLen.fill(0);
    return bytes;
  }

  private emit(parts: Uint8Array[]): Uint8Array {
    const out = concatBytes(parts);
    this.s.bytes += out.length;
    return out;
  }
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
