import { describe, expect, it } from 'vitest';
import { BitstreamError } from '../errors.js';
import { testHeader } from '../testing/fixtures.js';
import type { HeaderInput } from '../types.js';
import { crc32 } from './crc32.js';
import { readHeader, resolveHeader, writeHeader } from './header.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof BitstreamError ? e.code : `not a BitstreamError: ${e}`;
  }
  return 'no error';
};

function roundTrip(input: HeaderInput, coding: 'raw' | 'entropy' = 'raw') {
  const h = resolveHeader(input, coding);
  const bytes = writeHeader(h);
  const r = readHeader(bytes, 0, bytes.length, 0);
  if (r === 'incomplete') throw new Error('incomplete');
  expect(r.size).toBe(bytes.length);
  return { h, parsed: r.header, bytes };
}

/** Re-seals a header after editing its body bytes (recomputes the CRC). */
function reseal(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const c = crc32(out, 0, out.length - 4);
  new DataView(out.buffer).setUint32(out.length - 4, c, true);
  return out;
}

describe('header', () => {
  it('round-trips every field, including unicode names, TLV metadata and both rate modes', () => {
    const cases: HeaderInput[] = [
      testHeader(),
      testHeader({ modelName: 'modèle-音声-🎧', weightsHash: new Uint8Array(64).fill(0xab), channels: 64, nq: 64, codebookSize: 65_536 }),
      testHeader({ modelName: '', weightsHash: new Uint8Array(0), rate: { mode: 'cbr', n: 3 }, originalLength: null, codebookSize: 2 }),
      testHeader({ originalLength: 2 ** 48 - 2, sampleRate: 4_194_304, hop: 1_048_576, inputGainDb: 12.25 }),
      testHeader({ metadata: [{ tag: 1, value: new TextEncoder().encode('vrvq-cli 0.1.0') }, { tag: 2 ** 32 - 1, value: new Uint8Array(300) }] }),
    ];
    for (const input of cases) {
      for (const coding of ['raw', 'entropy'] as const) {
        const { h, parsed } = roundTrip(input, coding);
        expect(parsed).toEqual(h);
        expect(parsed.coding).toBe(coding);
      }
    }
  });

  it('stores level and gain as float32 (the resolved header shows the stored value)', () => {
    const { h, parsed } = roundTrip(testHeader({ rate: { mode: 'vbr', level: 0.1 }, inputGainDb: 1 / 3 }));
    expect(h.rate).toEqual({ mode: 'vbr', level: Math.fround(0.1) });
    expect(parsed.inputGainDb).toBe(Math.fround(1 / 3));
  });

  it('is parsed incrementally: every proper prefix is incomplete, never an error', () => {
    const { bytes } = roundTrip(testHeader({ metadata: [{ tag: 9, value: new Uint8Array(200) }] }));
    for (let n = 0; n < bytes.length; n++) expect(readHeader(bytes, 0, n, 0)).toBe('incomplete');
  });

  it('rejects invalid writer input with INVALID_ARGUMENT', () => {
    const bad: Partial<HeaderInput>[] = [
      { modelName: 'x'.repeat(256) },
      { modelName: '\ud800' },
      { weightsHash: new Uint8Array(65) },
      { sampleRate: 0 },
      { sampleRate: 44_100.5 },
      { hop: 0 },
      { nq: 0 },
      { nq: 65 },
      { codebookSize: 1000 },
      { codebookSize: 1 },
      { codebookSize: 2 ** 17 },
      { channels: 0 },
      { channels: 65 },
      { originalLength: -1 },
      { originalLength: 2 ** 48 },
      { rate: { mode: 'vbr', level: 0 } },
      { rate: { mode: 'vbr', level: Number.NaN } },
      { rate: { mode: 'vbr', level: 1e39 } },
      { rate: { mode: 'cbr', n: 9 } },
      { rate: { mode: 'cbr', n: 0 } },
      { inputGainDb: Number.POSITIVE_INFINITY },
      { metadata: [{ tag: -1, value: new Uint8Array(1) }] },
      { metadata: [{ tag: 1, value: new Uint8Array(65_536) }] },
    ];
    for (const over of bad) expect(codeOf(() => resolveHeader(testHeader(over), 'raw')), JSON.stringify(over)).toBe('INVALID_ARGUMENT');
  });

  it('rejects damaged headers with precise codes', () => {
    const { bytes } = roundTrip(testHeader());
    const body = 7; // magic 4 + version 2 + 1-byte body length
    const edit = (at: number, v: number) => {
      const b = bytes.slice();
      b[at] = v;
      return reseal(b);
    };
    const parse = (b: Uint8Array) => () => readHeader(b, 0, b.length, 0);
    expect(codeOf(parse(edit(0, 0x57)))).toBe('BAD_MAGIC');
    expect(codeOf(parse(edit(4, 2)))).toBe('UNSUPPORTED_VERSION');
    expect(codeOf(parse(edit(body, 0x04)))).toBe('HEADER_INVALID'); // reserved flag bit
    expect(codeOf(parse(edit(body + 1, 0)))).toBe('HEADER_INVALID'); // nq 0
    expect(codeOf(parse(edit(body + 1, 65)))).toBe('HEADER_INVALID'); // nq 65
    expect(codeOf(parse(edit(body + 2, 17)))).toBe('HEADER_INVALID'); // 17-bit codes
    expect(codeOf(parse(edit(body + 3, 0)))).toBe('HEADER_INVALID'); // 0 channels
    const flipped = bytes.slice();
    flipped[body + 10] ^= 0x10;
    expect(codeOf(parse(flipped))).toBe('CRC_MISMATCH');
    const hugeLength = bytes.slice();
    hugeLength.set([0xff, 0xff, 0x7f], 6);
    expect(codeOf(parse(hugeLength))).toBe('LIMIT_EXCEEDED');
  });

  it('accepts a newer minor version and keeps unknown TLV tags', () => {
    const { bytes, h } = roundTrip(testHeader({ metadata: [{ tag: 777, value: new Uint8Array([1, 2, 3]) }] }));
    const b = bytes.slice();
    b[5] = 9;
    const r = readHeader(reseal(b), 0, b.length, 0);
    if (r === 'incomplete') throw new Error('incomplete');
    expect(r.header.version).toEqual({ major: 1, minor: 9 });
    expect(r.header.metadata).toEqual(h.metadata);
  });
});
