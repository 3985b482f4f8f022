import { describe, expect, it } from 'vitest';
import { BitstreamError } from '../errors.js';
import { Prng } from '../testing/prng.js';
import { log2Table } from './log2.js';
import { SmallModel, TreeModel } from './models.js';
import { RangeDecoder, RangeEncoder } from './range-coder.js';

/** A static frequency table with its cumulative sums. */
function table(freqs: number[]) {
  const cum = [0];
  for (const f of freqs) cum.push(cum[cum.length - 1] + f);
  return { freqs, cum, tot: cum[cum.length - 1] };
}

function decodeStatic(dec: RangeDecoder, t: ReturnType<typeof table>): number {
  const v = dec.target(t.tot);
  let s = 0;
  while (t.cum[s + 1] <= v) s++;
  dec.consume(t.cum[s], t.freqs[s]);
  return s;
}

describe('range coder', () => {
  it('round-trips random symbols under random static tables (tot up to 2^16)', () => {
    const rng = new Prng(21);
    for (let trial = 0; trial < 40; trial++) {
      const size = rng.int(1, 300);
      const t = table(Array.from({ length: size }, () => rng.int(1, Math.floor(65_536 / size))));
      const syms = Array.from({ length: rng.int(0, 3000) }, () => rng.int(0, size - 1));
      const enc = new RangeEncoder();
      for (const s of syms) enc.encode(t.cum[s], t.freqs[s], t.tot);
      const bytes = enc.finish();
      const dec = new RangeDecoder(bytes, 0, bytes.length, 0);
      expect(syms.map(() => decodeStatic(dec, t))).toEqual(syms);
      dec.finish();
    }
  });

  it('propagates carries through runs of pending 0xFF bytes', () => {
    // Count, on the encoder instance, how often shiftLow sees a carry and how long 0xFF runs get.
    let carries = 0;
    let longestRun = 0;
    const watch = (enc: RangeEncoder) => {
      const inner = enc as unknown as { low: number; pending: number; shiftLow: () => void };
      const original = inner.shiftLow.bind(inner);
      inner.shiftLow = () => {
        if (inner.low >= 2 ** 32) carries++;
        longestRun = Math.max(longestRun, inner.pending);
        original();
      };
      return enc;
    };
    const rng = new Prng(5);
    for (let trial = 0; trial < 40; trial++) {
      const t = table(Array.from({ length: 4 }, () => rng.int(1, 16_000)));
      const syms = Array.from({ length: 5000 }, () => rng.int(0, 3));
      const enc = watch(new RangeEncoder());
      for (const s of syms) enc.encode(t.cum[s], t.freqs[s], t.tot);
      const bytes = enc.finish();
      const dec = new RangeDecoder(bytes, 0, bytes.length, 0);
      expect(syms.map(() => decodeStatic(dec, t))).toEqual(syms);
      dec.finish();
    }
    expect(carries).toBeGreaterThan(10);
    expect(longestRun).toBeGreaterThanOrEqual(2);
  });

  it('codes within 0.1 % + 8 bytes of the ideal code length', () => {
    const rng = new Prng(9);
    const t = table([30_000, 20_000, 10_000, 4_000, 1_000, 500, 36]);
    const syms = Array.from({ length: 50_000 }, () => {
      const v = rng.int(0, t.tot - 1);
      let s = 0;
      while (t.cum[s + 1] <= v) s++;
      return s;
    });
    const ideal = syms.reduce((a, s) => a - Math.log2(t.freqs[s] / t.tot), 0) / 8;
    const enc = new RangeEncoder();
    for (const s of syms) enc.encode(t.cum[s], t.freqs[s], t.tot);
    const n = enc.finish().length;
    expect(n).toBeGreaterThanOrEqual(Math.floor(ideal) - 1);
    expect(n).toBeLessThan(ideal * 1.001 + 8);
  });

  it('direct bits cost their width', () => {
    const rng = new Prng(2);
    const enc = new RangeEncoder();
    const vals = Array.from({ length: 4000 }, () => rng.int(0, 1023));
    for (const v of vals) enc.encodeDirect(v, 10);
    const bytes = enc.finish();
    expect(bytes.length).toBeGreaterThanOrEqual(4000 * 10 / 8 - 1);
    expect(bytes.length).toBeLessThanOrEqual(4000 * 10 / 8 + 4);
    const dec = new RangeDecoder(bytes, 0, bytes.length, 0);
    expect(vals.map(() => dec.decodeDirect(10))).toEqual(vals);
    dec.finish();
  });

  it('rejects payloads with unused bytes or that end too early', () => {
    const enc = new RangeEncoder();
    for (let i = 0; i < 100; i++) enc.encodeDirect(i & 0xff, 8);
    const bytes = enc.finish();
    const padded = new Uint8Array(bytes.length + 4);
    padded.set(bytes);
    const dec = new RangeDecoder(padded, 0, padded.length, 0);
    for (let i = 0; i < 100; i++) dec.decodeDirect(8);
    expect(() => dec.finish()).toThrow(BitstreamError);
    const short = new RangeDecoder(bytes, 0, bytes.length - 10, 0);
    expect(() => {
      for (let i = 0; i < 100; i++) short.decodeDirect(8);
    }).toThrow(/ends before its last symbol/);
  });
});

describe('adaptive models', () => {
  it('Fenwick TreeModel and linear SmallModel agree symbol by symbol, through rescales', () => {
    const rng = new Prng(4);
    const size = 64;
    const a = new TreeModel(size, 32, 2 ** 12);
    const b = new SmallModel(size, 32, 2 ** 12);
    const syms = Array.from({ length: 5000 }, () => Math.min(size - 1, Math.floor(-Math.log(1 - rng.float()) * 4)));
    const encA = new RangeEncoder();
    const encB = new RangeEncoder();
    for (const s of syms) {
      expect(a.total).toBe(b.total);
      expect(a.freqOf(s)).toBe(b.freqOf(s));
      a.encode(encA, s);
      b.encode(encB, s);
    }
    const bytesA = encA.finish();
    expect(bytesA).toEqual(encB.finish());
    const decA = new RangeDecoder(bytesA, 0, bytesA.length, 0);
    const m = new TreeModel(size, 32, 2 ** 12);
    expect(syms.map(() => m.decode(decA))).toEqual(syms);
  });

  it('keeps every frequency ≥ 1 and the total ≤ limit', () => {
    const m = new TreeModel(1024, 32, 2 ** 16);
    for (let i = 0; i < 100_000; i++) m.update(0);
    expect(m.total).toBeLessThanOrEqual(2 ** 16);
    expect(m.freqOf(1023)).toBeGreaterThanOrEqual(1);
  });

  it('fixed-point log2 table is within 2^-15 of log2', () => {
    const lg = log2Table();
    for (let x = 1; x <= 65_536; x += 97) expect(Math.abs(lg[x] / 65_536 - Math.log2(x))).toBeLessThan(2 ** -15);
    expect(lg[1024]).toBe(10 * 65_536);
  });
});
