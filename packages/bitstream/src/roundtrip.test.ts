import { describe, expect, it } from 'vitest';
import { BitstreamError } from './errors.js';
import { decodeFile, encodeFile } from './file.js';
import { type FrameGen, framesDiff, randomChannels, testHeader } from './testing/fixtures.js';
import { Prng } from './testing/prng.js';
import type { Coding, HeaderInput } from './types.js';

const KINDS = ['uniform', 'skewed', 'extreme'] as const;

function check(header: HeaderInput, gen: FrameGen, coding: Coding, framesPerChunk: number, rng: Prng) {
  const frames = randomChannels(rng, header.channels, gen);
  const bytes = encodeFile(header, frames, { coding, framesPerChunk });
  const d = decodeFile(bytes);
  expect(framesDiff(d.channels, frames)).toBeNull();
  expect(d.header.nq).toBe(header.nq);
  expect(d.chunks.reduce((a, c) => a + c.frames, 0)).toBe(gen.T);
  if (coding === 'raw') expect(d.chunks.every((c) => c.coding === 'raw')).toBe(true);
  return d;
}

describe('round trip (property tests, seeded)', () => {
  it('is exact for every N_q from 1 to 32, 1–2 channels, VBR and CBR, raw and entropy, random and structured data', () => {
    const rng = new Prng(2025);
    let entropyChunks = 0;
    for (let nq = 1; nq <= 32; nq++) {
      for (const channels of [1, 2]) {
        for (const coding of ['raw', 'entropy'] as const) {
          for (const cbr of [false, true]) {
            const kind = KINDS[(nq + channels + (cbr ? 1 : 0)) % 3];
            const cbrN = cbr ? rng.int(1, nq) : 0;
            const codebookSize = 2 ** rng.pick([1, 4, 8, 10, 12, 14, 16]);
            const header = testHeader({ nq, channels, codebookSize, rate: cbr ? { mode: 'cbr', n: cbrN } : { mode: 'vbr', level: 1 } });
            const T = rng.int(1, 150);
            const d = check(header, { T, nq, codebookSize, cbrN, kind }, coding, rng.int(1, 64), rng);
            entropyChunks += d.chunks.filter((c) => c.coding === 'entropy').length;
          }
        }
      }
    }
    expect(entropyChunks).toBeGreaterThan(50); // the entropy path was really exercised
  });

  it('is exact at the limits: 64 channels × N_q 64, 16-bit codes, the largest chunk', () => {
    const rng = new Prng(77);
    const header = testHeader({ nq: 64, channels: 64, codebookSize: 65_536 });
    for (const coding of ['raw', 'entropy'] as const) {
      check(header, { T: 520, nq: 64, codebookSize: 65_536, kind: 'skewed' }, coding, 512, rng);
    }
    const mono = testHeader({ nq: 1, channels: 1, codebookSize: 2, rate: { mode: 'cbr', n: 1 } });
    check(mono, { T: 70_000, nq: 1, codebookSize: 2, cbrN: 1, kind: 'skewed' }, 'entropy', 65_536, rng);
  });

  it('writes a header-only stream for zero frames', () => {
    const bytes = encodeFile(testHeader(), [{ counts: new Uint8Array(0), codes: new Int32Array(0) }]);
    const d = decodeFile(bytes);
    expect(d.chunks).toEqual([]);
    expect(d.channels[0].counts.length).toBe(0);
    expect(d.header.originalLength).toBe(480_000);
  });

  it('is deterministic: same input, same bytes, whatever the chunk boundaries of the input', () => {
    const rng = new Prng(3);
    const header = testHeader({ channels: 2 });
    const frames = randomChannels(rng, 2, { T: 700, nq: 8, codebookSize: 1024, kind: 'skewed' });
    const a = encodeFile(header, frames, { coding: 'entropy' });
    const b = encodeFile(header, frames, { coding: 'entropy' });
    expect(b).toEqual(a);
  });

  it('refuses frames that do not match the header', () => {
    const h = testHeader({ nq: 4 });
    const enc = (counts: number[], codes: number[], over: Partial<HeaderInput> = {}) => () =>
      encodeFile({ ...h, ...over }, [{ counts: Uint8Array.from(counts), codes: Int32Array.from(codes) }]);
    expect(enc([5], [1, 2, 3, 4, 5])).toThrow(BitstreamError); // count > nq
    expect(enc([0], [])).toThrow(BitstreamError); // count 0
    expect(enc([2], [1])).toThrow(BitstreamError); // too few codes
    expect(enc([1], [1024])).toThrow(BitstreamError); // code out of range
    expect(enc([1], [-1])).toThrow(BitstreamError);
    expect(enc([2, 3], [1, 2, 3, 4, 5], { rate: { mode: 'cbr', n: 2 } })).toThrow(BitstreamError); // CBR mismatch
    expect(() => encodeFile(h, [])).toThrow(BitstreamError); // wrong channel count
    expect(() => encodeFile(h, [{ counts: Uint8Array.from([1]), codes: Int32Array.from([0]) }], { framesPerChunk: 0 })).toThrow(BitstreamError);
    expect(() => encodeFile({ ...h, channels: 64, nq: 64 }, [], { framesPerChunk: 513 })).toThrow(/framesPerChunk/);
  });
});
