import { describe, expect, it } from 'vitest';
import { BitstreamError } from '../errors.js';
import { Prng } from '../testing/prng.js';
import { BitReader, BitWriter } from './bits.js';
import { ByteReader, peekVarint } from './byte-reader.js';
import { ByteWriter, varintSize } from './byte-writer.js';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof BitstreamError ? e.code : `not a BitstreamError: ${e}`;
  }
  return 'no error';
};

describe('varints', () => {
  it('round-trip edge values with the advertised size', () => {
    const values = [0, 1, 127, 128, 255, 16_383, 16_384, 2 ** 21 - 1, 2 ** 21, 2 ** 32 - 1, 2 ** 32, 2 ** 48 - 1, 2 ** 53 - 1];
    for (const v of values) {
      const w = new ByteWriter(1);
      w.varint(v);
      const b = w.toBytes();
      expect(b.length).toBe(varintSize(v));
      const r = peekVarint(b, 0, b.length, Number.MAX_SAFE_INTEGER, 'v', 'HEADER_INVALID', 0);
      expect(r).toEqual({ value: v, size: b.length });
    }
  });

  it('reports incomplete input and rejects non-minimal, overlong and too-large encodings', () => {
    const b = new Uint8Array([0x80, 0x80]);
    expect(peekVarint(b, 0, 2, 1e9, 'v', 'HEADER_INVALID', 0)).toBe('incomplete');
    expect(code(() => peekVarint(new Uint8Array([0x81, 0x00]), 0, 2, 1e9, 'v', 'HEADER_INVALID', 0))).toBe('HEADER_INVALID');
    expect(code(() => peekVarint(new Uint8Array(9).fill(0x80), 0, 9, 1e9, 'v', 'HEADER_INVALID', 0))).toBe('HEADER_INVALID');
    expect(code(() => peekVarint(new Uint8Array([0x80, 0x01]), 0, 2, 127, 'v', 'LIMIT_EXCEEDED', 0))).toBe('LIMIT_EXCEEDED');
  });
});

describe('ByteReader', () => {
  it('reads what ByteWriter wrote and throws its overrun code with the absolute offset', () => {
    const w = new ByteWriter(1);
    w.u8(7);
    w.u32le(0xdeadbeef);
    w.f32le(-3.5);
    w.varint(300);
    const b = w.toBytes();
    const r = new ByteReader(b, 0, b.length, 100, 'TRUNCATED', 'test');
    expect([r.u8('a'), r.u32le('b'), r.f32le('c'), r.varint('d', 1000)]).toEqual([7, 0xdeadbeef, -3.5, 300]);
    try {
      r.u8('e');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BitstreamError);
      expect((e as BitstreamError).code).toBe('TRUNCATED');
      expect((e as BitstreamError).offset).toBe(100 + b.length);
    }
  });
});

describe('bit packing', () => {
  it('round-trips random fields of 0..16 bits MSB-first with zero padding', () => {
    const rng = new Prng(11);
    for (let trial = 0; trial < 30; trial++) {
      const fields = Array.from({ length: rng.int(1, 200) }, () => {
        const n = rng.int(0, 16);
        return { n, v: n === 0 ? 0 : rng.int(0, 2 ** n - 1) };
      });
      const bits = fields.reduce((a, f) => a + f.n, 0);
      const out = new Uint8Array(Math.ceil(bits / 8));
      const w = new BitWriter(out);
      for (const f of fields) w.write(f.v, f.n);
      expect(w.finish()).toBe(out.length);
      const r = new BitReader(out, 0, out.length, 0);
      for (const f of fields) expect(r.read(f.n)).toBe(f.v);
      r.expectEnd();
    }
  });

  it('is MSB-first: 1 bit then 7 bits', () => {
    const out = new Uint8Array(1);
    const w = new BitWriter(out);
    w.write(1, 1);
    w.write(0b0000011, 7);
    expect(out[0]).toBe(0b10000011);
  });

  it('rejects reading past the end, extra bytes and non-zero padding', () => {
    expect(code(() => new BitReader(new Uint8Array([0xff]), 0, 1, 0).read(9))).toBe('CHUNK_INVALID');
    const extra = new BitReader(new Uint8Array([0xff, 0x00]), 0, 2, 0);
    extra.read(8);
    expect(code(() => extra.expectEnd())).toBe('CHUNK_INVALID');
    const pad = new BitReader(new Uint8Array([0b10100001]), 0, 1, 0);
    pad.read(3);
    expect(code(() => pad.expectEnd())).toBe('CHUNK_INVALID');
  });
});
