import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestLag, opusRoundTrip, opusToolsVersion } from './opus.mjs';

test('bestLag finds a known shift and declines silence', () => {
  const n = 4000;
  const ref = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.05) + 0.5 * Math.sin(i * 0.31 + 1) + ((i * 7919) % 13) / 40);
  const deg = new Float32Array(n);
  for (let i = 0; i < n; i++) deg[i] = ref[i - 3] ?? 0; // delayed by 3 samples
  const r = bestLag(ref, deg, 10);
  assert.equal(r.lag, 3);
  assert.ok(r.corr > 0.99 && r.corr > r.corrAtZero);
  assert.equal(bestLag(new Float32Array(n), deg, 10), null);
});

test('an Opus round trip keeps length and alignment and hits its rate', { skip: !opusToolsVersion() && 'opus-tools not installed' }, () => {
  const sr = 24000;
  const x = Float32Array.from({ length: sr * 2 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / sr) * (1 + 0.5 * Math.sin(i / 900)));
  const cbr = opusRoundTrip(x, sr, 12, 'cbr');
  assert.equal(cbr.decoded.length, x.length);
  assert.equal(cbr.lengthDiff, 0);
  assert.ok(Math.abs(cbr.lag) <= 2, `lag ${cbr.lag}`);
  assert.ok(cbr.lagCorr > 0.9);
  assert.ok(Math.abs(cbr.kbps - 12) < 0.5, `cbr kbps ${cbr.kbps}`);
  assert.equal(cbr.packets, 101); // 2 s of 20 ms packets plus one for the pre-skip
  const vbr = opusRoundTrip(x, sr, 6, 'vbr');
  assert.ok(vbr.kbps > 2 && vbr.kbps < 9, `vbr kbps ${vbr.kbps}`);
  assert.deepEqual(Object.keys(vbr.modes), ['SILK NB']);
});
