import { describe, expect, it } from 'vitest';
import { decodeFile, encodeFile } from '../file.js';
import { decodeChunk } from '../format/chunk.js';
import { readHeader } from '../format/header.js';
import { readRecord } from '../format/records.js';
import { framesDiff, randomChannels, testHeader } from '../testing/fixtures.js';
import { Prng } from '../testing/prng.js';
import type { ChannelFrames } from '../types.js';
import { codingParams } from './params.js';

const sizes = (header: ReturnType<typeof testHeader>, frames: ChannelFrames[]) => ({
  raw: encodeFile(header, frames, { coding: 'raw' }).length,
  entropy: encodeFile(header, frames, { coding: 'entropy' }).length,
});

describe('entropy coding', () => {
  it('saves > 25 % on skewed codes with slowly varying counts', () => {
    const rng = new Prng(41);
    const header = testHeader();
    const frames = randomChannels(rng, 1, { T: 3000, nq: 8, codebookSize: 1024, kind: 'skewed' });
    const s = sizes(header, frames);
    expect(s.entropy).toBeLessThan(0.75 * s.raw);
  });

  it('saves on the counts alone when codes are uniform (counts conditioned on the previous count)', () => {
    const rng = new Prng(42);
    const T = 3000;
    const counts = new Uint8Array(T);
    let n = 4;
    for (let t = 0; t < T; t++) {
      if (rng.float() < 0.1) n = Math.min(8, Math.max(1, n + (rng.float() < 0.5 ? -1 : 1)));
      counts[t] = n;
    }
    const codes = Int32Array.from({ length: counts.reduce((a, b) => a + b, 0) }, () => rng.int(0, 1023));
    const frames = [{ counts, codes }];
    const s = sizes(testHeader(), frames);
    // Raw spends 3 bits per count; a random walk that moves 10 % of the time needs well under 1.5.
    const countBytes = (3 * T) / 8;
    expect(s.raw - s.entropy).toBeGreaterThan(0.5 * countBytes);
    expect(framesDiff(decodeFile(encodeFile(testHeader(), frames, { coding: 'entropy' })).channels, frames)).toBeNull();
  });

  it('picks models per level: uniform levels cost what raw costs, skewed levels shrink', () => {
    const rng = new Prng(43);
    const T = 2000;
    const counts = new Uint8Array(T).fill(4);
    const codes = new Int32Array(4 * T);
    for (let t = 0; t < T; t++) {
      codes[4 * t] = rng.int(0, 1023); // level 0 uniform
      codes[4 * t + 1] = rng.int(0, 3); // level 1: 2 bits of entropy
      codes[4 * t + 2] = rng.int(0, 1023); // level 2 uniform
      codes[4 * t + 3] = 7; // level 3 constant
    }
    const header = testHeader({ rate: { mode: 'cbr', n: 4 } });
    const s = sizes(header, [{ counts, codes }]);
    const ideal = (T * (10 + 2 + 10 + 0)) / 8;
    expect(s.entropy).toBeLessThan(ideal * 1.04 + 200);
    expect(s.raw).toBeGreaterThan(s.entropy * 1.6);
  });

  it('decodes any chunk on its own (models reset per chunk), so readers can seek', () => {
    const rng = new Prng(44);
    const header = testHeader({ channels: 2 });
    const frames = randomChannels(rng, 2, { T: 1000, nq: 8, codebookSize: 1024, kind: 'skewed' });
    const bytes = encodeFile(header, frames, { coding: 'entropy', framesPerChunk: 100 });
    const h = readHeader(bytes, 0, bytes.length, 0);
    if (h === 'incomplete') throw new Error('incomplete');
    const p = codingParams(h.header);
    // Walk the records by their lengths, then decode chunk 7 from a copy holding nothing else.
    let pos = h.size;
    for (let i = 0; i < 7; i++) {
      const r = readRecord(bytes, pos, bytes.length, 0);
      if (r === 'incomplete') throw new Error('incomplete');
      pos += r.size;
    }
    const r = readRecord(bytes, pos, bytes.length, 0);
    if (r === 'incomplete') throw new Error('incomplete');
    const alone = bytes.slice(r.bodyStart, r.bodyEnd);
    const d = decodeChunk(p, bytes[pos], alone, 0, alone.length, 0);
    expect(d.coding).toBe('entropy');
    const expected = frames.map((ch) => {
      let from = 0;
      for (let t = 0; t < 700; t++) from += ch.counts[t];
      let to = from;
      for (let t = 700; t < 800; t++) to += ch.counts[t];
      return { counts: ch.counts.slice(700, 800), codes: ch.codes.slice(from, to) };
    });
    expect(framesDiff(d.channels, expected)).toBeNull();
  });
});
