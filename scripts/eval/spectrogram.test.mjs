import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spectrogramDb } from './spectrogram.mjs';

test('one column per hop, energy at the tone bin, silent where the signal is silent', () => {
  const sr = 24000;
  const hop = 320;
  const nFft = 1024;
  // 0.5 s of silence, then 0.5 s of 3 kHz.
  const x = Float32Array.from({ length: sr }, (_, i) => (i >= sr / 2 ? Math.sin((2 * Math.PI * 3000 * i) / sr) : 0));
  const s = spectrogramDb(x, { hop, nFft });
  assert.equal(s.frames, sr / hop);
  assert.equal(s.bins, nFft / 2 + 1);
  const col = (t) => s.db.subarray(t * s.bins, (t + 1) * s.bins);
  const argmax = (c) => c.indexOf(Math.max(...c));
  assert.equal(argmax(col(60)), Math.round((3000 * nFft) / sr)); // bin 128
  assert.ok(Math.max(...col(10)) < -100); // window entirely in the silent half
  assert.ok(Math.max(...col(60)) > 30);
});
