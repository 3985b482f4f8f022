import { describe, expect, it } from 'vitest';
import { BitstreamError } from './errors.js';
import { decodeFile, encodeFile, joinChunks } from './file.js';
import { type ReaderEvent, VrvqReader } from './reader.js';
import { framesDiff, randomChannels, testHeader } from './testing/fixtures.js';
import { Prng } from './testing/prng.js';
import type { ChannelFrames } from './types.js';
import { concatBytes, VrvqWriter } from './writer.js';

/** Frames [from, to) of every channel. */
function slice(frames: ChannelFrames[], from: number, to: number): ChannelFrames[] {
  return frames.map((ch) => {
    let a = 0;
    for (let t = 0; t < from; t++) a += ch.counts[t];
    let b = a;
    for (let t = from; t < to; t++) b += ch.counts[t];
    return { counts: ch.counts.slice(from, to), codes: ch.codes.slice(a, b) };
  });
}

function feed(reader: VrvqReader, bytes: Uint8Array, splits: (remaining: number) => number): ReaderEvent[] {
  const events: ReaderEvent[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const n = Math.max(1, Math.min(splits(bytes.length - pos), bytes.length - pos));
    events.push(...reader.push(bytes.subarray(pos, pos + n)));
    pos += n;
  }
  reader.end();
  return events;
}

const chunksOf = (events: ReaderEvent[]) => events.flatMap((e) => (e.type === 'chunk' ? [e.chunk] : []));

describe('incremental reader', () => {
  const rng = new Prng(51);
  const header = testHeader({ channels: 2, originalLength: null });
  const frames = randomChannels(rng, 2, { T: 1300, nq: 8, codebookSize: 1024, kind: 'skewed' });
  const streams = {
    raw: encodeFile(header, frames, { coding: 'raw', framesPerChunk: 200 }),
    entropy: encodeFile(header, frames, { coding: 'entropy', framesPerChunk: 200 }),
  };

  for (const [coding, bytes] of Object.entries(streams)) {
    it(`${coding}: byte-by-byte and random splits give exactly the whole-buffer decode`, () => {
      const whole = decodeFile(bytes);
      const splitRng = new Prng(52);
      for (const splits of [() => 1, () => splitRng.int(1, 40), () => splitRng.int(1, 5000), () => bytes.length]) {
        const events = feed(new VrvqReader(), bytes, splits);
        expect(events[0].type).toBe('header');
        expect(events[events.length - 1]).toEqual({ type: 'end', totalFrames: 1300, originalLength: null });
        const chunks = chunksOf(events);
        expect(chunks.map((c) => c.startFrame)).toEqual([0, 200, 400, 600, 800, 1000, 1200]);
        expect(framesDiff(joinChunks(2, chunks), whole.channels)).toBeNull();
        expect(framesDiff(whole.channels, frames)).toBeNull();
      }
    });
  }

  it('emits each chunk as soon as its last byte arrives, and buffers at most one record', () => {
    const bytes = streams.entropy;
    const reader = new VrvqReader();
    const recordEnds: number[] = [];
    let maxBuffered = 0;
    let sumRecord = 0;
    for (let i = 0; i < bytes.length; i++) {
      const ev = reader.push(bytes.subarray(i, i + 1));
      maxBuffered = Math.max(maxBuffered, reader.bufferedBytes);
      for (const e of ev) {
        if (e.type === 'chunk') {
          recordEnds.push(i + 1);
          sumRecord += e.chunk.byteLength;
        }
      }
    }
    reader.end();
    expect(reader.done).toBe(true);
    // Chunk k completes exactly where its record ends.
    const d = decodeFile(bytes);
    const headerSize = bytes.length - d.chunks.reduce((a, c) => a + c.byteLength, 0) - 9; // 9-byte end record here
    let at = headerSize;
    expect(recordEnds).toEqual(d.chunks.map((c) => (at += c.byteLength)));
    expect(sumRecord).toBe(at - headerSize);
    expect(maxBuffered).toBeLessThan(Math.max(...d.chunks.map((c) => c.byteLength)));
  });

  it('reports truncation at end(), trailing bytes, and stays failed after an error', () => {
    const bytes = streams.raw;
    const r1 = new VrvqReader();
    r1.push(bytes.subarray(0, bytes.length - 1));
    expect(() => r1.end()).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
    const r2 = new VrvqReader();
    r2.push(bytes);
    expect(() => r2.push(new Uint8Array([0]))).toThrow(expect.objectContaining({ code: 'TRAILING_DATA' }));
    expect(() => r2.push(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'TRAILING_DATA' }));
    expect(() => decodeFile(concatBytes([bytes, new Uint8Array(1)]))).toThrow(expect.objectContaining({ code: 'TRAILING_DATA' }));
    const r3 = new VrvqReader();
    expect(() => r3.push(new Uint8Array([0x56, 0x52, 0x00]))).toThrow(expect.objectContaining({ code: 'BAD_MAGIC', offset: 2 }));
  });

  it('enforces maxTotalCodes', () => {
    const reader = new VrvqReader({ maxTotalCodes: 1000 });
    expect(() => reader.push(streams.raw)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
    expect(() => decodeFile(streams.raw, { maxTotalCodes: 1000 })).toThrow(BitstreamError);
  });
});

describe('incremental writer', () => {
  it('buffers at most one chunk in fixed buffers and emits each chunk as soon as it is full', () => {
    const rng = new Prng(61);
    const header = testHeader({ channels: 2 });
    const frames = randomChannels(rng, 2, { T: 3000, nq: 8, codebookSize: 1024, kind: 'skewed' });
    const writer = new VrvqWriter(header, { coding: 'entropy', framesPerChunk: 128 });
    const buffer = writer.bufferBytes;
    expect(buffer).toBe(2 * (128 + 128 * 8 * 4));
    const pieces: Uint8Array[] = [];
    for (let t = 0; t < 3000; t++) {
      const out = writer.writeFrames(slice(frames, t, t + 1));
      if ((t + 1) % 128 === 0) expect(out.length).toBeGreaterThan(0);
      else if (t > 0) expect(out.length).toBe(0);
      expect(writer.pendingFrames).toBe((t + 1) % 128);
      expect(writer.bufferBytes).toBe(buffer);
      pieces.push(out);
    }
    pieces.push(writer.finish({ originalLength: 480_000 }));
    // Frame-by-frame writing yields the same bytes as one call (split-invariant output).
    const oneCall = new VrvqWriter(header, { coding: 'entropy', framesPerChunk: 128 });
    const once = concatBytes([oneCall.writeFrames(frames), oneCall.finish({ originalLength: 480_000 })]);
    expect(concatBytes(pieces)).toEqual(once);
    expect(writer.stats).toMatchObject({ chunks: 24, frames: 3000, bytes: once.length });
    // chunkBytes counts the chunk records alone: the sum of their lengths as the reader sees them
    const records = decodeFile(once).chunks.reduce((a, c) => a + c.byteLength, 0);
    expect(writer.stats.chunkBytes).toBe(records);
    expect(records).toBeLessThan(once.length);
  });

  it('stores an original length given at finish when the header did not know it', () => {
    const rng = new Prng(62);
    const frames = randomChannels(rng, 1, { T: 10, nq: 8, codebookSize: 1024 });
    const w = new VrvqWriter(testHeader({ originalLength: null }));
    const bytes = concatBytes([w.writeFrames(frames), w.finish({ originalLength: 5000 })]);
    expect(decodeFile(bytes).header.originalLength).toBe(5000);
    const w2 = new VrvqWriter(testHeader({ originalLength: 480_000 }));
    w2.writeFrames(frames);
    expect(() => w2.finish({ originalLength: 5000 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses writes after finish', () => {
    const w = new VrvqWriter(testHeader());
    w.finish();
    expect(() => w.writeFrames([{ counts: new Uint8Array(0), codes: new Int32Array(0) }])).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    expect(() => w.finish()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });
});

