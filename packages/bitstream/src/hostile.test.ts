import { describe, expect, it } from 'vitest';
import { BitstreamError, type BitstreamErrorCode } from './errors.js';
import { decodeFile, encodeFile } from './file.js';
import { RECORD } from './format/constants.js';
import { resolveHeader, writeHeader } from './format/header.js';
import { writeRecord } from './format/records.js';
import { ByteWriter } from './io/byte-writer.js';
import { VrvqReader } from './reader.js';
import { testHeader } from './testing/fixtures.js';
import type { HeaderInput } from './types.js';
import { concatBytes } from './writer.js';

const fail = (bytes: Uint8Array): { code: BitstreamErrorCode | string; message: string } => {
  try {
    decodeFile(bytes);
  } catch (e) {
    if (e instanceof BitstreamError) return { code: e.code, message: e.message };
    return { code: `crash: ${e}`, message: '' };
  }
  return { code: 'decoded', message: '' };
};

const header = (over: Partial<HeaderInput> = {}, coding: 'raw' | 'entropy' = 'raw') => writeHeader(resolveHeader(testHeader(over), coding));

function chunk(type: number, frames: number, payload: Uint8Array | number[]): Uint8Array {
  const body = new ByteWriter();
  body.varint(frames);
  body.bytes(Uint8Array.from(payload));
  return writeRecord(type, body.toBytes());
}

function end(totalFrames: number, extra: number[] = []): Uint8Array {
  const body = new ByteWriter();
  body.varint(totalFrames);
  body.varint(0);
  body.bytes(Uint8Array.from(extra));
  return writeRecord(RECORD.end, body.toBytes());
}

/** One valid raw frame for the default header (N_q 8, 10-bit codes): count 1 (3 bits 000) + one code. */
const oneFrame = [0b00000000, 0b00001000]; // bits: 000 (n−1 = 0) · 0000000001 (code 1) · 000 padding

describe('hostile input: each damage yields its typed error, with no large allocation', () => {
  it('a valid hand-built stream decodes (the building blocks below are sound)', () => {
    const d = decodeFile(concatBytes([header(), chunk(RECORD.rawChunk, 1, oneFrame), end(1)]));
    expect(Array.from(d.channels[0].counts)).toEqual([1]);
    expect(Array.from(d.channels[0].codes)).toEqual([1]);
  });

  it('lengths beyond the limits fail as soon as they are read, before any body arrives', () => {
    const r = new VrvqReader();
    r.push(header());
    const w = new ByteWriter();
    w.u8(RECORD.rawChunk);
    w.varint(2 ** 24 + 1);
    expect(() => r.push(w.toBytes())).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
    const h = header().slice(0, 6);
    expect(() => new VrvqReader().push(concatBytes([h, Uint8Array.from([0x81, 0x88, 0x04])]))).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED' }),
    );
  });

  it('a declared length larger than the file is TRUNCATED, and the reader holds only what it was given', () => {
    const w = new ByteWriter();
    w.u8(RECORD.rawChunk);
    w.varint(2 ** 24);
    const bytes = concatBytes([header(), w.toBytes(), new Uint8Array(100)]);
    expect(fail(bytes).code).toBe('TRUNCATED');
    const r = new VrvqReader();
    r.push(bytes);
    expect(r.bufferedBytes).toBeLessThanOrEqual(110);
  });

  it('chunk frame counts: 0, beyond 65,536, beyond the 2^21 code slots, and beyond what the payload can hold', () => {
    expect(fail(concatBytes([header(), chunk(RECORD.rawChunk, 0, []), end(0)])).code).toBe('CHUNK_INVALID');
    expect(fail(concatBytes([header(), chunk(RECORD.rawChunk, 65_537, oneFrame), end(1)])).code).toBe('LIMIT_EXCEEDED');
    const wide = header({ channels: 64, nq: 64 }, 'entropy');
    expect(fail(concatBytes([wide, chunk(RECORD.entropyChunk, 513, [1, 2, 3]), end(513)])).code).toBe('LIMIT_EXCEEDED');
    const f = fail(concatBytes([header(), chunk(RECORD.rawChunk, 65_536, oneFrame), end(65_536)]));
    expect(f.code).toBe('CHUNK_INVALID');
    expect(f.message).toMatch(/cannot hold 65536 frame/);
  });

  it('raw payloads: count above N_q, extra bytes, non-zero padding, too short', () => {
    // N_q = 5 has a 3-bit count field, so (n−1) = 7 is representable but invalid.
    const nq5 = header({ nq: 5 });
    expect(fail(concatBytes([nq5, chunk(RECORD.rawChunk, 1, [0b11100000, 0b00100000]), end(1)])).code).toBe('CHUNK_INVALID');
    expect(fail(concatBytes([header(), chunk(RECORD.rawChunk, 1, [...oneFrame, 0]), end(1)])).code).toBe('CHUNK_INVALID');
    expect(fail(concatBytes([header(), chunk(RECORD.rawChunk, 1, [0, 0b00001001]), end(1)])).message).toMatch(/padding/);
    expect(fail(concatBytes([header(), chunk(RECORD.rawChunk, 2, [0xe0, 0, 0]), end(2)])).code).toBe('CHUNK_INVALID');
  });

  it('record types: unknown critical fails, unknown ancillary is skipped, entropy needs the header flag', () => {
    const ok = [header(), chunk(RECORD.rawChunk, 1, oneFrame)];
    expect(fail(concatBytes([...ok, writeRecord(0x33, new Uint8Array(3)), end(1)])).code).toBe('UNKNOWN_RECORD');
    const withAncillary = concatBytes([...ok, writeRecord(0x9a, new Uint8Array(40)), end(1)]);
    expect(decodeFile(withAncillary).channels[0].codes.length).toBe(1);
    expect(fail(concatBytes([header(), chunk(RECORD.entropyChunk, 1, [1, 2]), end(1)])).code).toBe('CHUNK_INVALID');
  });

  it('end record: wrong total, extra bytes, missing, or followed by data', () => {
    const ok = [header(), chunk(RECORD.rawChunk, 1, oneFrame)];
    expect(fail(concatBytes([...ok, end(2)])).code).toBe('END_INVALID');
    expect(fail(concatBytes([...ok, end(1, [0])])).code).toBe('END_INVALID');
    expect(fail(concatBytes(ok)).code).toBe('TRUNCATED');
    expect(fail(concatBytes([...ok, end(1), end(1)])).code).toBe('TRAILING_DATA');
    const known = header({ originalLength: 100 });
    const endLen = writeRecord(RECORD.end, Uint8Array.from([1, 50])); // original length 49 ≠ 100
    expect(fail(concatBytes([known, chunk(RECORD.rawChunk, 1, oneFrame), endLen])).code).toBe('END_INVALID');
  });

  it('entropy payloads that no encoder produces: trailing junk, or decoding off the end', () => {
    const h = header({}, 'entropy');
    const frames = [{ counts: Uint8Array.from([3, 3, 3]), codes: Int32Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1]) }];
    const valid = encodeFile(testHeader(), frames, { coding: 'entropy' });
    const d = decodeFile(valid);
    expect(d.chunks[0].coding).toBe('entropy');
    // Rebuild the chunk with one junk byte appended to the payload, CRC recomputed.
    const payloadStart = h.length + 3; // type, 1-byte length, 1-byte frame count
    const payload = valid.slice(payloadStart, valid.length - 4 - 9);
    expect(fail(concatBytes([h, chunk(RECORD.entropyChunk, 3, [...payload, 0x55]), end(3)])).code).toBe('ENTROPY_CORRUPT');
    expect(fail(concatBytes([h, chunk(RECORD.entropyChunk, 3000, payload), end(3000)])).code).toBe('ENTROPY_CORRUPT');
  });

  it('decompression bombs are bounded by maxTotalCodes', () => {
    // The most compressible stream there is: N_q 1, CBR, 1-bit codes, all zero.
    const over = { nq: 1, codebookSize: 2, rate: { mode: 'cbr', n: 1 } } as const;
    const T = 65_536 * 4;
    const frames = [{ counts: new Uint8Array(T).fill(1), codes: new Int32Array(T) }];
    const bytes = encodeFile(testHeader(over), frames, { coding: 'entropy', framesPerChunk: 65_536 });
    const ratio = T / bytes.length;
    expect(ratio).toBeGreaterThan(1000); // it really is a bomb
    expect(() => decodeFile(bytes, { maxTotalCodes: 100_000 })).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
    expect(decodeFile(bytes).channels[0].codes.length).toBe(T);
  });
});
