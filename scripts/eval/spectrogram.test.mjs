import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fft, spectrogramDb } from './spectrogram.mjs';

test('fft equals a direct DFT', () => {
  const n = 64;
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) + ((i * 37) % 11) / 10);
  const re = x.slice();
  const im = new Float64Array(n);
  fft(re, im);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      sr += x[t] * Math.cos((2 * Math.PI * k * t) / n);
      si -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
    assert.ok(Math.abs(re[k] - sr) < 1e-9 && Math.abs(im[k] - si) < 1e-9, `bin ${k}`);
  }
  assert.throws(() => fft(new Float64Array(6), new Float64Array(6)), RangeError);
});

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
