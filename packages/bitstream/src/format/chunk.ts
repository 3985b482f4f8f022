import { decodeEntropy, encodeEntropy } from '../coding/entropy.js';
import type { CodingParams } from '../coding/params.js';
import { decodeRaw, encodeRaw } from '../coding/raw.js';
import { BitstreamError } from '../errors.js';
import { ByteReader } from '../io/byte-reader.js';
import { ByteWriter } from '../io/byte-writer.js';
import type { ChannelFrames, Coding } from '../types.js';
import { RECORD } from './constants.js';
import { LIMITS } from './limits.js';
import { writeRecord } from './records.js';

/**
 * A chunk record for `chunk` (every channel has F frames): body = F (varint) · payload.
 * With coding 'entropy' the range-coded payload is used only when it is strictly smaller than
 * the raw one, so an entropy stream is never larger than a raw one.
 */
export function encodeChunk(p: CodingParams, chunk: ChannelFrames[], coding: Coding): { bytes: Uint8Array; coding: Coding } {
  const F = chunk[0].counts.length;
  let payload = encodeRaw(p, chunk);
  let used: Coding = 'raw';
  if (coding === 'entropy') {
    const ent = encodeEntropy(p, chunk);
    if (ent.length < payload.length) {
      payload = ent;
      used = 'entropy';
    }
  }
  const body = new ByteWriter(payload.length + 4);
  body.varint(F);
  body.bytes(payload);
  return { bytes: writeRecord(used === 'raw' ? RECORD.rawChunk : RECORD.entropyChunk, body.view()), coding: used };
}

/** Decodes a chunk record body `bytes[start, end)`. */
export function decodeChunk(
  p: CodingParams,
  type: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  base: number,
): { frames: number; channels: ChannelFrames[]; coding: Coding } {
  const r = new ByteReader(bytes, start, end, base, 'CHUNK_INVALID', 'chunk body');
  const at = r.offset;
  const F = r.varint('chunk frame count', LIMITS.maxFramesPerChunk, 'LIMIT_EXCEEDED');
  if (F < 1) throw new BitstreamError('CHUNK_INVALID', 'chunk frame count is 0', at);
  if (F * p.channels * p.nq > LIMITS.maxSlotsPerChunk) {
    throw new BitstreamError(
      'LIMIT_EXCEEDED',
      `chunk of ${F} frames × ${p.channels} channels × ${p.nq} levels exceeds ${LIMITS.maxSlotsPerChunk} code slots`,
      at,
    );
  }
  if (type === RECORD.rawChunk) return { frames: F, channels: decodeRaw(p, F, bytes, r.pos, end, base), coding: 'raw' };
  return { frames: F, channels: decodeEntropy(p, F, bytes, r.pos, end, base), coding: 'entropy' };
}

/** End record body: total frames per channel (varint) · original length + 1 (varint, 0 = not given). */
export function encodeEnd(totalFrames: number, originalLength: number | null): Uint8Array {
  const body = new ByteWriter(16);
  body.varint(totalFrames);
  body.varint(originalLength === null ? 0 : originalLength + 1);
  return writeRecord(RECORD.end, body.view());
}

export function decodeEnd(bytes: Uint8Array, start: number, end: number, base: number): { totalFrames: number; originalLength: number | null } {
  const r = new ByteReader(bytes, start, end, base, 'END_INVALID', 'end record body');
  const totalFrames = r.varint('total frame count', LIMITS.maxTotalFrames, 'END_INVALID');
  const lenPlusOne = r.varint('original length', LIMITS.maxOriginalLength, 'END_INVALID');
  if (r.remaining !== 0) throw new BitstreamError('END_INVALID', `end record has ${r.remaining} unexpected trailing byte(s)`, r.offset);
  return { totalFrames, originalLength: lenPlusOne === 0 ? null : lenPlusOne - 1 };
}
