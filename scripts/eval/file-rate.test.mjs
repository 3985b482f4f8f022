// entropyFileRate on synthetic codes: a stream that repeats one code costs far less than raw bits,
// uniformly random codes cost about the raw bits, and fewer codebooks per frame cost less.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entropyFileRate } from './file-rate.mjs';

const cfg = { nCodebooks: 8, codebookSize: 1024, sampleRate: 24000, hop: 320 };
const T = 600; // 8 s at 75 frames/s
const seconds = (T * cfg.hop) / cfg.sampleRate;
let seed = 1;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const randomCodes = () => Int32Array.from({ length: cfg.nCodebooks * T }, () => Math.floor(rand() * cfg.codebookSize));

test('random codes cost about their raw bits; repeated codes and fewer codebooks cost less', () => {
  const all = new Int32Array(T).fill(8);
  const raw = (8 * 10 * T) / seconds / 1000; // 6 kbps
  const random = entropyFileRate(cfg, randomCodes(), all, 'cbr', 8, seconds);
  assert.ok(random.kbps > 0.95 * raw && random.kbps < 1.05 * raw, `random codes: ${random.kbps} kbps vs raw ${raw}`);
  const constant = entropyFileRate(cfg, new Int32Array(cfg.nCodebooks * T).fill(7), all, 'cbr', 8, seconds);
  assert.ok(constant.kbps < 0.2 * raw, `repeated code: ${constant.kbps} kbps`);
  const counts = Int32Array.from({ length: T }, (_, t) => (t % 2 ? 1 : 2));
  const vbr = entropyFileRate(cfg, randomCodes(), counts, 'vbr', 1, seconds);
  assert.ok(vbr.kbps < 0.3 * random.kbps, `1.5 codebooks per frame: ${vbr.kbps} kbps`);
  assert.equal(vbr.kbps, (8 * vbr.chunkBytes) / seconds / 1000);
});
