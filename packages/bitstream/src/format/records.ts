import { BitstreamError } from '../errors.js';
import { peekVarint } from '../io/byte-reader.js';
import { ByteWriter } from '../io/byte-writer.js';
import { ANCILLARY_BIT, RECORD } from './constants.js';
import { crc32 } from './crc32.js';
import { LIMITS } from './limits.js';

/** Record framing: type u8 · body length (varint) · body · CRC-32 (LE) of everything before it. */
export function writeRecord(type: number, body: Uint8Array): Uint8Array {
  const w = new ByteWriter(body.length + 12);
  w.u8(type);
  w.varint(body.length);
  w.bytes(body);
  w.u32le(crc32(w.view()));
  return w.toBytes();
}

export interface RecordSpan {
  type: number;
  bodyStart: number;
  bodyEnd: number;
  /** Bytes of the whole record, framing included. */
  size: number;
}

const KNOWN = new Set<number>([RECORD.rawChunk, RECORD.entropyChunk, RECORD.end]);

/**
 * Locates the record at `bytes[pos, end)`; 'incomplete' until all of it is there. Unknown critical
 * types and oversized lengths fail as soon as their bytes arrive, before anything is buffered.
 * The CRC is verified here.
 */
export function readRecord(bytes: Uint8Array, pos: number, end: number, base: number): RecordSpan | 'incomplete' {
  if (pos >= end) return 'incomplete';
  const type = bytes[pos];
  if (!KNOWN.has(type) && (type & ANCILLARY_BIT) === 0) {
    throw new BitstreamError('UNKNOWN_RECORD', `unknown critical record type 0x${type.toString(16).padStart(2, '0')}`, base + pos);
  }
  const len = peekVarint(bytes, pos + 1, end, LIMITS.maxRecordBody, 'record body length', 'LIMIT_EXCEEDED', base + pos + 1);
  if (len === 'incomplete') return 'incomplete';
  const bodyStart = pos + 1 + len.size;
  const bodyEnd = bodyStart + len.value;
  if (bodyEnd + 4 > end) return 'incomplete';
  const stored = (bytes[bodyEnd] | (bytes[bodyEnd + 1] << 8) | (bytes[bodyEnd + 2] << 16) | (bytes[bodyEnd + 3] << 24)) >>> 0;
  const actual = crc32(bytes, pos, bodyEnd);
  if (stored !== actual) {
    throw new BitstreamError(
      'CRC_MISMATCH',
      `CRC-32 mismatch in record of type 0x${type.toString(16)} (stored 0x${stored.toString(16)}, computed 0x${actual.toString(16)})`,
      base + bodyEnd,
    );
  }
  return { type, bodyStart, bodyEnd, size: bodyEnd + 4 - pos };
}
