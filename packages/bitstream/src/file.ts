import { BitstreamError, requireArg } from './errors.js';
import { type DecodedChunk, type ReaderOptions, VrvqReader } from './reader.js';
import type { ChannelFrames, Coding, HeaderInput, StreamHeader } from './types.js';
import { concatBytes, VrvqWriter, type WriterOptions } from './writer.js';

/** Encodes a whole stream: header, chunks of `framesPerChunk` frames, end record. */
export function encodeFile(header: HeaderInput, channels: ChannelFrames[], opts: WriterOptions = {}): Uint8Array {
  const w = new VrvqWriter(header, opts);
  const body = w.writeFrames(channels);
  return concatBytes([body, w.finish()]);
}

export interface DecodedFile {
  /** The header; `originalLength` is filled from the end record when the header did not have it. */
  header: StreamHeader;
  /** One entry per channel with every frame of the stream. */
  channels: ChannelFrames[];
  /** Per chunk: frames, coding used and record size. */
  chunks: Array<{ frames: number; coding: Coding; byteLength: number }>;
}

/** Default cap of decodeFile on decoded codes: 2^25 (128 MiB of Int32; ≈ 13.5 h mono at 86 Hz × 8 levels). */
export const DEFAULT_MAX_TOTAL_CODES = 2 ** 25;

/** Decodes a complete stream held in memory. Every malformed input throws BitstreamError. */
export function decodeFile(bytes: Uint8Array, opts: ReaderOptions = {}): DecodedFile {
  requireArg(bytes instanceof Uint8Array, 'decodeFile expects a Uint8Array');
  const reader = new VrvqReader({ maxTotalCodes: opts.maxTotalCodes ?? DEFAULT_MAX_TOTAL_CODES });
  const events = reader.push(bytes);
  reader.end();
  let header: StreamHeader | null = null;
  const chunks: DecodedChunk[] = [];
  let originalLength: number | null = null;
  for (const e of events) {
    if (e.type === 'header') header = e.header;
    else if (e.type === 'chunk') chunks.push(e.chunk);
    else originalLength = e.originalLength;
  }
  if (!header) throw new BitstreamError('TRUNCATED', 'no header');
  return {
    header: { ...header, originalLength },
    channels: joinChunks(header.channels, chunks),
    chunks: chunks.map((c) => ({ frames: c.frames, coding: c.coding, byteLength: c.byteLength })),
  };
}

/** Concatenates decoded chunks per channel. */
export function joinChunks(channelCount: number, chunks: DecodedChunk[]): ChannelFrames[] {
  const out: ChannelFrames[] = [];
  for (let c = 0; c < channelCount; c++) {
    let T = 0;
    let n = 0;
    for (const ch of chunks) {
      T += ch.channels[c].counts.length;
      n += ch.channels[c].codes.length;
    }
    const counts = new Uint8Array(T); // [T]
    const codes = new Int32Array(n); // [Σ n[t]]
    let t = 0;
    let j = 0;
    for (const ch of chunks) {
      counts.set(ch.channels[c].counts, t);
      codes.set(ch.channels[c].codes, j);
      t += ch.channels[c].counts.length;
      j += ch.channels[c].codes.length;
    }
    out.push({ counts, codes });
  }
  return out;
}
