import { describe, expect, it } from 'vitest';
import { Prng } from '../testing/prng.js';
import { crc32 } from './crc32.js';

/** Bitwise CRC-32 straight from the definition (no table), as an independent reference. */
function crcReference(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('matches the standard check value and the empty input', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the published CRC-32 check value
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('matches a bitwise reference on random data and sub-ranges', () => {
    const rng = new Prng(3);
    for (let i = 0; i < 50; i++) {
      const a = new Uint8Array(rng.int(0, 300)).map(() => rng.int(0, 255));
      expect(crc32(a)).toBe(crcReference(a));
      const s = rng.int(0, a.length);
      const e = rng.int(s, a.length);
      expect(crc32(a, s, e)).toBe(crcReference(a.subarray(s, e)));
    }
  });

  it('detects every single-bit flip', () => {
    const a = new Uint8Array(64).map((_, i) => (i * 29) & 0xff);
    const c = crc32(a);
    for (let bit = 0; bit < a.length * 8; bit++) {
      a[bit >>> 3] ^= 1 << (bit & 7);
      expect(crc32(a)).not.toBe(c);
      a[bit >>> 3] ^= 1 << (bit & 7);
    }
  });
});
