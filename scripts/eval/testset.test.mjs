import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeWav } from '../../packages/audio/dist/index.js';
import { allocate, loadClip, readManifest, rmsDbfs, selectClips, spread } from './testset.mjs';

const row = (path, duration, group = path.split('/')[0]) => ({ path, group, source: 's', licence: 'l', duration, rmsDbfs: -20, detail: '' });

test('spread picks evenly over the list, all of it when asked for more', () => {
  assert.deepEqual(spread([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3), [1, 5, 8]);
  assert.deepEqual(spread([1, 2], 5), [1, 2]);
});

test('allocate splits picks in proportion to folder sizes, capped by the folders', () => {
  const a = allocate(new Map([['att', 2], ['noise', 4], ['pauses', 3], ['silence', 1]]), 6);
  assert.deepEqual(Object.fromEntries(a), { att: 1, noise: 2, pauses: 2, silence: 1 });
  const b = allocate(new Map([['x', 1], ['y', 50]]), 10);
  assert.equal([...b.values()].reduce((s, v) => s + v, 0), 10);
  assert.ok(b.get('x') <= 1);
  const c = allocate(new Map([['x', 1], ['y', 2]]), 10);
  assert.deepEqual(Object.fromEntries(c), { x: 1, y: 2 });
});

test('selectClips is deterministic, balanced over groups, skips short clips and caps round-robin', () => {
  const rows = [
    ...Array.from({ length: 12 }, (_, i) => row(`speech/a/s${String(i).padStart(2, '0')}.wav`, 3 + i)),
    row('speech/b/short.wav', 1.5),
    ...Array.from({ length: 3 }, (_, i) => row(`music/m/m${i}.wav`, 30)),
    ...Array.from({ length: 5 }, (_, i) => row(`quiet/q${i % 2}/q${i}.wav`, 10)),
  ];
  const shuffled = rows.slice().reverse();
  const s = selectClips(rows, { perGroup: 4, minSeconds: 2 });
  assert.deepEqual(s, selectClips(shuffled, { perGroup: 4, minSeconds: 2 }));
  const count = (g) => s.filter((r) => r.group === g).length;
  assert.equal(count('speech'), 4);
  assert.equal(count('music'), 3);
  assert.equal(count('quiet'), 4);
  assert.ok(!s.some((r) => r.path.includes('short')));
  assert.equal(new Set(s.map((r) => r.path)).size, s.length);
  const capped = selectClips(rows, { perGroup: 4, minSeconds: 2, maxClips: 3 });
  assert.deepEqual(capped.map((r) => r.group), ['speech', 'quiet', 'music']);
});

test('readManifest and loadClip: first S seconds, mono, a whole number of hops', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrvq-testset-'));
  try {
    mkdirSync(join(dir, 'speech/x'), { recursive: true });
    const sr = 16000;
    const left = Float32Array.from({ length: sr * 3 + 77 }, (_, i) => ((i % 100) - 50) / 200);
    const right = left.map((v) => -v / 2);
    writeFileSync(join(dir, 'speech/x/a.wav'), encodeWav({ sampleRate: sr, channels: [left, right] }, { float: true }));
    writeFileSync(
      join(dir, 'manifest.tsv'),
      'path\tgroup\tsource\tlicence\tduration\trms_dbfs\tdetail\nspeech/x/a.wav\tspeech\tsrc\tCC0\t3.005\t-inf\tnote\n',
    );
    const rows = readManifest(dir);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].rmsDbfs, Number.NEGATIVE_INFINITY);
    const x = loadClip(dir, 'speech/x/a.wav', { sampleRate: sr, maxSeconds: 10, hop: 320 });
    assert.equal(x.length, Math.floor(left.length / 320) * 320);
    assert.ok(Math.abs(x[5] - (left[5] + right[5]) / 2) < 1e-7);
    const y = loadClip(dir, 'speech/x/a.wav', { sampleRate: sr, maxSeconds: 1, hop: 64, offsetSeconds: 0.5 });
    assert.equal(y.length, sr);
    assert.ok(Math.abs(y[0] - (left[8000] + right[8000]) / 2) < 1e-7);
    const z = loadClip(dir, 'speech/x/a.wav', { sampleRate: 24000, maxSeconds: 1, hop: 320 });
    assert.equal(z.length, 24000);
    assert.throws(() => loadClip(dir, 'speech/x/missing.wav', { sampleRate: sr, maxSeconds: 1, hop: 1 }), { code: 'missing_file' });
    assert.throws(() => readManifest(join(dir, 'nope')), { code: 'missing_file', message: /make-training-set/ });
    assert.equal(rmsDbfs(new Float32Array(10)), Number.NEGATIVE_INFINITY);
    assert.ok(Math.abs(rmsDbfs(new Float32Array(10).fill(0.1)) + 20) < 1e-6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
