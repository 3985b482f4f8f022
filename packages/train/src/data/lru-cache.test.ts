import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('evicts least-recently-used entries to stay within its size budget', () => {
    const c = new LruCache<string, Float32Array>(100, (a) => a.byteLength);
    c.set('a', new Float32Array(10)); // 40 B
    c.set('b', new Float32Array(10)); // 80 B
    expect(c.get('a')).toBeDefined(); // a becomes most recent
    c.set('c', new Float32Array(10)); // 120 B → evict b
    expect(c.has('b')).toBe(false);
    expect(c.has('a')).toBe(true);
    expect(c.has('c')).toBe(true);
    expect(c.size).toBe(80);
    c.set('huge', new Float32Array(100)); // larger than the budget: not stored
    expect(c.has('huge')).toBe(false);
    expect(c.count).toBe(2);
  });
});
