import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeUsage } from './code-usage.mjs';

test('counts codes per level from ragged frames', () => {
  const u = new CodeUsage(2, 4);
  // frames: [0 | 1], [0], [2 | 3]
  u.add({ counts: Uint8Array.from([2, 1, 2]), codes: Int32Array.from([0, 1, 0, 2, 3]) });
  const [l1, l2] = u.summary();
  assert.equal(l1.codes, 3);
  assert.equal(l1.used, 2);
  assert.ok(Math.abs(l1.entropyBits - (-(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3))) < 1e-12);
  assert.equal(l1.entriesFor90, 2);
  assert.equal(l2.codes, 2);
  assert.equal(l2.used, 2);
  assert.equal(l2.entropyBits, 1);
});

test('uniform codes have log2(K) bits; one dominant entry needs few entries for 90 %', () => {
  const u = new CodeUsage(1, 8);
  u.add({ counts: new Uint8Array(8).fill(1), codes: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]) });
  assert.equal(u.summary()[0].entropyBits, 3);
  assert.equal(u.summary()[0].entriesFor90, 8);
  const v = new CodeUsage(1, 8);
  v.add({ counts: new Uint8Array(20).fill(1), codes: Int32Array.from([...new Array(19).fill(5), 2]) });
  assert.equal(v.summary()[0].used, 2);
  assert.equal(v.summary()[0].entriesFor90, 1);
});
