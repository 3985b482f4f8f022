/**
 * Derives a 32-bit seed from a list of integers or strings (FNV-1a over the parts, then a
 * murmur3 finaliser), so that batch i, item j of a run gets its own independent, reproducible Rng
 * whatever was prefetched or resumed before it.
 */
export function seedFor(...parts: Array<number | string>): number {
  let h = 0x811c9dc5;
  const mix = (byte: number) => {
    h ^= byte & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const p of parts) {
    if (typeof p === 'number') {
      const v = p >>> 0;
      const hi = Math.floor(p / 4294967296) >>> 0;
      for (let s = 0; s < 32; s += 8) mix(v >>> s);
      for (let s = 0; s < 32; s += 8) mix(hi >>> s);
    } else {
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        mix(c);
        mix(c >>> 8);
      }
    }
    mix(0xa5); // separator
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
