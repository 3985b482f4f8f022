import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rdPlots, seriesFor } from './rd-plots.mjs';
import { checks, resultSections, table } from './tables.mjs';

const m = (kbps, mel, siSdr) => ({ clips: 2, kbps, melDistance: mel, stftDistance: mel * 2, siSdr, siSdrClips: 2 });
const setting = (system, role, mode, param, mean, extra = {}) => ({
  id: `${system}:${param}`,
  system,
  role,
  mode,
  param,
  mean,
  groups: { speech: mean, quiet: { ...mean, kbps: mean.kbps / 4 } },
  perClip: [
    { ...mean, sideInfoKbps: mode === 'vbr' ? 0.225 : 0, meanCount: 2, ...extra },
    { ...mean, sideInfoKbps: mode === 'vbr' ? 0.225 : 0, meanCount: 2, ...extra },
  ],
});

const results = {
  format: 'vrvq-eval/1',
  label: 'preliminary',
  createdAt: '2026-11-28T20:00:00.000Z',
  command: 'node scripts/evaluate.mjs --model m',
  environment: { backend: 'wasm', cpu: 'cpu', node: 'v20', opus: 'opusenc x' },
  options: { maxSeconds: 8, minSeconds: 2, siSdrMinDbfs: -70 },
  models: [{ role: 'vrvq', path: 'm', step: 5, preset: 'p', nCodebooks: 8, codebookSize: 1024, frameRate: 75, sha256: 'ab'.repeat(32) }],
  notes: ['ramp: x does not exist; skipped.'],
  clips: [
    { path: 'speech/a.wav', group: 'speech', seconds: 8, rmsDbfs: -20 },
    { path: 'quiet/b.wav', group: 'quiet', seconds: 8, rmsDbfs: -50 },
  ],
  settings: [
    setting('vrvq-vbr', 'vrvq', 'vbr', 0.5, m(2, 1.5, 5)),
    setting('vrvq-vbr', 'vrvq', 'vbr', 1, m(4, 1.1, 8)),
    setting('vrvq-cbr', 'vrvq', 'cbr', 1, m(0.75, 2.5, 1)),
    setting('vrvq-cbr', 'vrvq', 'cbr', 8, m(6, 1.0, 9)),
    setting('opus-vbr', 'opus', 'vbr', 6, m(5.5, 1.2, 7), { containerBytes: 800, lag: 1, siSdrAligned: 7.5, lengthDiff: 0, modes: { 'SILK NB': 400 } }),
  ],
  comparisons: {
    vbrVsCbr: [
      { level: 0.5, kbps: 2, melDistance: 1.5, cbrMelDistance: 2.0, deltaMel: -0.5, siSdr: 5, cbrSiSdr: 4, deltaSiSdr: 1 },
      { level: 1, kbps: 4, melDistance: 1.1, cbrMelDistance: 1.0, deltaMel: 0.1, siSdr: 8, cbrSiSdr: 9, deltaSiSdr: -1 },
    ],
    vbrVsBaseline: [],
    rampVsCbr: [],
    quietVsSpeech: [
      { level: 0.5, speechKbps: 2, quietKbps: 0.5, pausesKbps: null, quietOverSpeech: 0.25, pausesOverSpeech: null, speechFileKbps: 1, quietFileKbps: 0.2, quietOverSpeechFile: 0.2, pausesOverSpeechFile: null },
      { level: 1, speechKbps: 4, quietKbps: 3, pausesKbps: 1, quietOverSpeech: 0.75, pausesOverSpeech: 0.25, speechFileKbps: 2, quietFileKbps: 0.8, quietOverSpeechFile: 0.4, pausesOverSpeechFile: null },
    ],
  },
  figure: null,
  seconds: 600,
};

test('acceptance numbers are counted from the comparisons', () => {
  const k = checks(results);
  assert.equal(k.comparable, 2);
  assert.equal(k.melBetter, 1);
  assert.equal(k.sdrBetter, 1);
  assert.equal(k.either, 1);
  assert.equal(k.underHalf, 1);
  assert.equal(k.underHalfFile, 2);
  assert.equal(k.pausesUnderHalf, 1);
  assert.equal(k.best.id, 'vrvq-cbr:8'); // lowest mel among model points ≤ 6 kbps
  assert.deepEqual(k.opus6.map((s) => s.id), ['opus-vbr:6']);
});

test('sections render every setting and mark missing values', () => {
  const s = resultSections(results);
  assert.deepEqual(Object.keys(s), ['run', 'checks', 'summary', 'groups', 'vbr-vs-cbr', 'quiet-vs-speech', 'opus', 'clips']);
  assert.equal(s.summary.split('\n').length, 2 + results.settings.length);
  assert.match(s.summary, /\| VRVQ \(VBR\) \| ℓ = 0\.5 \| 2\.00 \| – \| 0\.225 \| 2\.00 \| 1\.500 \| 3\.000 \| 5\.00 \|/);
  assert.match(s.run, /^> \*\*preliminary\*\*/);
  assert.match(s.run, /Note: ramp: x does not exist/);
  assert.match(s['quiet-vs-speech'], /\| 0\.5 \| 2\.00 \| 0\.50 \| 0\.25 \| – \| – \| 1\.00 \| 0\.20 \| 0\.20 \| – \|/);
  assert.match(s.checks, /entropy-coded files: quiet\/speech < 0\.5 at 2 of 2 \(ratios 0\.20, 0\.40\)/);
  assert.match(s.opus, /SILK NB 100 %/);
  assert.match(s.opus, /1: 2×/);
  assert.match(s.checks, /lower mel at 1 of 2/);
  assert.equal(table(['a', 'b'], [['1', '2']]), '| a | b |\n|---|---:|\n| 1 | 2 |');
});

test('plots: one curve per system with its points; per-group files', () => {
  const mel = seriesFor(results, 'melDistance');
  assert.deepEqual(mel.map((s) => s.name), ['VRVQ (VBR)', 'VRVQ, CBR mode', 'Opus --vbr']);
  assert.deepEqual(mel[0].points, [{ x: 2, y: 1.5 }, { x: 4, y: 1.1 }]);
  assert.deepEqual(seriesFor(results, 'melDistance', 'quiet')[0].points, [{ x: 0.5, y: 1.5 }, { x: 1, y: 1.1 }]);
  const files = rdPlots(results);
  assert.deepEqual([...files.keys()], ['rd-mel.svg', 'rd-sisdr.svg', 'rd-stft.svg', 'rd-mel-groups.svg', 'rd-sisdr-groups.svg']);
  assert.equal((files.get('rd-mel.svg').match(/<polyline/g) ?? []).length, 3);
});
