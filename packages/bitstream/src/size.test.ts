import { describe, expect, it } from 'vitest';
import { decodeFile, encodeFile } from './file.js';
import { resolveHeader, writeHeader } from './format/header.js';
import { rawPayloadBits } from './frames.js';
import { varintSize } from './io/byte-writer.js';
import { randomChannels, testHeader } from './testing/fixtures.js';
import { Prng } from './testing/prng.js';
import type { ChannelFrames, HeaderInput } from './types.js';

/**
 * The documented size of a raw stream (docs/bitstream.md, "Size of a raw stream"):
 *   header + Σ_chunks [1 + varint(bodyLen) + varint(F) + ⌈paper bits of the chunk / 8⌉ + 4]
 *          + end record [1 + varint(bodyLen) + varint(T) + varint(originalLength + 1 or 0) + 4]
 * with the paper's bits from rawPayloadBits (the bit counter the CLI cross-checks against rvq).
 */
function documentedRawSize(header: HeaderInput, frames: ChannelFrames[], framesPerChunk: number) {
  const h = resolveHeader(header, 'raw');
  const mode = h.rate.mode;
  const T = frames[0].counts.length;
  let paperBits = 0;
  let chunkFraming = 0;
  let padding = 0;
  for (let start = 0; start < T; start += framesPerChunk) {
    const F = Math.min(framesPerChunk, T - start);
    let bits = 0;
    for (const ch of frames) bits += rawPayloadBits(ch.counts.subarray(start, start + F), h.nq, h.codebookSize, mode);
    const payload = Math.ceil(bits / 8);
    const body = varintSize(F) + payload;
    paperBits += bits;
    padding += payload * 8 - bits;
    chunkFraming += 1 + varintSize(body) + varintSize(F) + 4;
  }
  const endBody = varintSize(T) + varintSize(0);
  const end = 1 + varintSize(endBody) + endBody + 4;
  const headerBytes = writeHeader(h).length;
  const total = headerBytes + chunkFraming + Math.ceil((paperBits + padding) / 8) + end;
  return { total, headerBytes, paperBits, framing: chunkFraming + end + padding / 8 };
}

describe('raw size = paper bit count + documented framing', () => {
  it('holds to the byte for random configurations', () => {
    const rng = new Prng(12);
    for (let i = 0; i < 60; i++) {
      const nq = rng.int(1, 32);
      const channels = rng.int(1, 3);
      const codebookSize = 2 ** rng.int(1, 16);
      const cbr = rng.float() < 0.3;
      const cbrN = cbr ? rng.int(1, nq) : 0;
      const header = testHeader({ nq, channels, codebookSize, rate: cbr ? { mode: 'cbr', n: cbrN } : { mode: 'vbr', level: 2 } });
      const frames = randomChannels(rng, channels, { T: rng.int(1, 3000), nq, codebookSize, cbrN, kind: 'uniform' });
      const fpc = rng.pick([1, 7, 100, 512, 4096]);
      const bytes = encodeFile(header, frames, { coding: 'raw', framesPerChunk: Math.min(fpc, Math.floor(2 ** 21 / (channels * nq))) });
      expect(bytes.length).toBe(documentedRawSize(header, frames, Math.min(fpc, Math.floor(2 ** 21 / (channels * nq)))).total);
    }
  });

  it('framing overhead is below 1 % for a 10 s clip at ≈ 6 kbps (44.1 kHz / 512, N_q 8, mean n ≈ 7)', () => {
    const rng = new Prng(6);
    const T = Math.ceil((10 * 44_100) / 512); // 862 frames
    const counts = Uint8Array.from({ length: T }, () => rng.int(6, 8)); // mean ≈ 7
    const codes = Int32Array.from({ length: counts.reduce((a, b) => a + b, 0) }, () => rng.int(0, 1023));
    const header = testHeader({ originalLength: 441_000, originalSampleRate: 44_100 });
    const bytes = encodeFile(header, [{ counts, codes }]);
    const doc = documentedRawSize(header, [{ counts, codes }], 512);
    expect(bytes.length).toBe(doc.total);
    const payloadBytes = doc.paperBits / 8;
    const kbps = (doc.paperBits / 10) / 1000;
    const framingPct = (100 * doc.framing) / payloadBytes;
    const totalPct = (100 * (bytes.length - payloadBytes)) / payloadBytes;
    console.log(
      `10 s at ${kbps.toFixed(2)} kbps (paper bits ${doc.paperBits} = ${payloadBytes} B): framing ${doc.framing} B = ${framingPct.toFixed(2)} %, ` +
        `header ${doc.headerBytes} B (13-byte name, 16-byte hash), file ${bytes.length} B = paper + ${totalPct.toFixed(2)} %`,
    );
    expect(kbps).toBeGreaterThan(5.5);
    expect(kbps).toBeLessThan(6.5);
    expect(framingPct).toBeLessThan(1);
  });
});

describe('entropy coding never costs more than raw', () => {
  it('every stream and every chunk is at most its raw size', () => {
    const rng = new Prng(31);
    for (let i = 0; i < 40; i++) {
      const nq = rng.int(1, 16);
      const channels = rng.int(1, 2);
      const codebookSize = 2 ** rng.int(1, 14);
      const header = testHeader({ nq, channels, codebookSize });
      const kind = rng.pick(['uniform', 'skewed', 'extreme'] as const);
      const frames = randomChannels(rng, channels, { T: rng.int(1, 700), nq, codebookSize, kind });
      const framesPerChunk = rng.pick([1, 16, 256, 512]);
      const raw = decodeFile(encodeFile(header, frames, { coding: 'raw', framesPerChunk }));
      const ent = decodeFile(encodeFile(header, frames, { coding: 'entropy', framesPerChunk }));
      ent.chunks.forEach((c, j) => {
        expect(c.byteLength).toBeLessThanOrEqual(raw.chunks[j].byteLength);
      });
    }
  });

  it('uniform codes and counts (N_q a power of two) fall back to raw in every chunk', () => {
    const rng = new Prng(32);
    const frames = randomChannels(rng, 2, { T: 2000, nq: 8, codebookSize: 1024, kind: 'uniform' });
    const header = testHeader({ channels: 2 });
    const raw = encodeFile(header, frames, { coding: 'raw' });
    const ent = encodeFile(header, frames, { coding: 'entropy' });
    expect(decodeFile(ent).chunks.every((c) => c.coding === 'raw')).toBe(true);
    expect(ent.length).toBe(raw.length);
  });
});
