import { describe, expect, it } from 'vitest';
import { BitstreamError } from './errors.js';
import { countBits, denseFromRagged, raggedFromDense, rawPayloadBits } from './frames.js';
import { Prng } from './testing/prng.js';

describe('bit accounting', () => {
  it('count field is ⌈log2 N_q⌉ bits', () => {
    const expected = [0, 1, 2, 2, 3, 3, 3, 3, 4];
    for (let nq = 1; nq <= 9; nq++) expect(countBits(nq)).toBe(expected[nq - 1]);
    expect(countBits(32)).toBe(5);
    expect(countBits(33)).toBe(6);
    expect(countBits(64)).toBe(6);
  });

  it("rawPayloadBits follows the paper: VBR = T·⌈log2 N_q⌉ + 10·Σn, CBR = 10·Σn", () => {
    const counts = Uint8Array.from([1, 8, 3, 7]); // Σ = 19
    expect(rawPayloadBits(counts, 8, 1024, 'vbr')).toBe(4 * 3 + 19 * 10);
    expect(rawPayloadBits(counts, 8, 1024, 'cbr')).toBe(19 * 10);
    expect(rawPayloadBits(Uint8Array.from([1, 1]), 1, 1024, 'vbr')).toBe(20);
    expect(rawPayloadBits(counts, 9, 4096, 'vbr')).toBe(4 * 4 + 19 * 12);
    // 0.258 kbps of side information for N_q = 8 at 44.1 kHz / 512 (paper, §2.10)
    const T = 86_130;
    const ones = new Uint8Array(T).fill(1);
    const side = rawPayloadBits(ones, 8, 1024, 'vbr') - rawPayloadBits(ones, 8, 1024, 'cbr');
    expect(((side / T) * 44_100) / 512 / 1000).toBeCloseTo(0.258, 3);
  });

  it('rejects counts outside 1..N_q and bad codebook sizes', () => {
    expect(() => rawPayloadBits(Uint8Array.from([0]), 8, 1024, 'vbr')).toThrow(BitstreamError);
    expect(() => rawPayloadBits(Uint8Array.from([9]), 8, 1024, 'vbr')).toThrow(BitstreamError);
    expect(() => rawPayloadBits(Uint8Array.from([1]), 8, 1000, 'vbr')).toThrow(BitstreamError);
  });
});

describe('ragged ↔ dense codes', () => {
  it('round-trips and keeps exactly the first n[t] levels of each frame', () => {
    const rng = new Prng(8);
    const nq = 5;
    const T = 40;
    const dense = Int32Array.from({ length: nq * T }, () => rng.int(0, 1023)); // [N_q, T]
    const counts = Uint8Array.from({ length: T }, () => rng.int(1, nq));
    const ragged = raggedFromDense(dense, counts, nq);
    expect(ragged.length).toBe(counts.reduce((a, b) => a + b, 0));
    const back = denseFromRagged(ragged, counts, nq, -1); // [N_q, T]
    for (let k = 0; k < nq; k++) {
      for (let t = 0; t < T; t++) expect(back[k * T + t]).toBe(k < counts[t] ? dense[k * T + t] : -1);
    }
    expect(raggedFromDense(back, counts, nq)).toEqual(ragged);
  });

  it('rejects mismatched lengths', () => {
    expect(() => raggedFromDense(new Int32Array(5), Uint8Array.from([1, 1]), 2)).toThrow(BitstreamError);
    expect(() => denseFromRagged(new Int32Array(3), Uint8Array.from([1, 1]), 2)).toThrow(BitstreamError);
  });
});
