import { BitstreamError } from '../errors.js';
import { BitReader, BitWriter } from '../io/bits.js';
import type { ChannelFrames } from '../types.js';
import type { CodingParams } from './params.js';

/**
 * Raw payload: for each frame t, for each channel c: (n−1) in countBits bits (VBR only), then
 * the n codes of levels 0..n−1 in codeBits bits each; MSB first; zero padding to a whole byte.
 */
export function rawPayloadSize(p: CodingParams, chunk: ChannelFrames[]): number {
  let bits = 0;
  for (const ch of chunk) bits += ch.counts.length * p.countBits + ch.codes.length * p.codeBits;
  return Math.ceil(bits / 8);
}

/** Encodes one chunk (every channel has the same number of frames F) as a raw payload. */
export function encodeRaw(p: CodingParams, chunk: ChannelFrames[]): Uint8Array {
  const out = new Uint8Array(rawPayloadSize(p, chunk));
  const w = new BitWriter(out);
  const F = chunk[0].counts.length;
  const cursor = new Int32Array(chunk.length); // next code index per channel
  for (let t = 0; t < F; t++) {
    for (let c = 0; c < chunk.length; c++) {
      const { counts, codes } = chunk[c];
      const n = counts[t];
      if (p.countBits > 0) w.write(n - 1, p.countBits);
      let j = cursor[c];
      for (let k = 0; k < n; k++) w.write(codes[j++], p.codeBits);
      cursor[c] = j;
    }
  }
  w.finish();
  return out;
}

/** Reads `n` bits MSB-first at absolute bit position `bit` of `bytes` (caller checks bounds; n ≤ 16). */
function bitsAt(bytes: Uint8Array, bit: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++, bit++) v = (v << 1) | ((bytes[bit >>> 3] >>> (7 - (bit & 7))) & 1);
  return v;
}

/**
 * Decodes a raw payload `bytes[start, end)` of F frames. Allocation is bounded by the payload:
 * a first pass reads only the counts (skipping codes) to size the code arrays exactly.
 */
export function decodeRaw(p: CodingParams, F: number, bytes: Uint8Array, start: number, end: number, base: number): ChannelFrames[] {
  const C = p.channels;
  const availBits = (end - start) * 8;
  const minFrameBits = p.countBits + p.codeBits * (p.cbrN || 1);
  if (F * C * minFrameBits > availBits) {
    throw new BitstreamError('CHUNK_INVALID', `raw payload of ${end - start} bytes cannot hold ${F} frame(s) of ${C} channel(s)`, base + start);
  }
  const counts: Uint8Array[] = [];
  for (let c = 0; c < C; c++) counts.push(new Uint8Array(F)); // [F] per channel
  const totals = new Array<number>(C).fill(0);
  if (p.cbrN) {
    for (let c = 0; c < C; c++) {
      counts[c].fill(p.cbrN);
      totals[c] = F * p.cbrN;
    }
  } else {
    // Pass 1: counts only.
    let bit = start * 8;
    const endBit = end * 8;
    for (let t = 0; t < F; t++) {
      for (let c = 0; c < C; c++) {
        if (bit + p.countBits > endBit) {
          throw new BitstreamError('CHUNK_INVALID', 'raw payload is shorter than its frame counts require', base + (bit >>> 3));
        }
        const n = bitsAt(bytes, bit, p.countBits) + 1;
        if (n > p.nq) {
          throw new BitstreamError('CHUNK_INVALID', `frame ${t}, channel ${c}: count ${n} exceeds nq ${p.nq}`, base + (bit >>> 3));
        }
        counts[c][t] = n;
        totals[c] += n;
        bit += p.countBits + n * p.codeBits;
      }
    }
    if (bit > endBit) {
      throw new BitstreamError('CHUNK_INVALID', 'raw payload is shorter than its frame counts require', base + end);
    }
  }
  // Pass 2: everything, sequentially.
  const codes = totals.map((n) => new Int32Array(n)); // [Σ n[t]] per channel
  const cursor = new Int32Array(C);
  const r = new BitReader(bytes, start, end, base);
  for (let t = 0; t < F; t++) {
    for (let c = 0; c < C; c++) {
      if (p.countBits > 0) r.read(p.countBits);
      const n = counts[c][t];
      const dst = codes[c];
      let j = cursor[c];
      for (let k = 0; k < n; k++) dst[j++] = r.read(p.codeBits);
      cursor[c] = j;
    }
  }
  r.expectEnd();
  return counts.map((cnt, c) => ({ counts: cnt, codes: codes[c] }));
}
