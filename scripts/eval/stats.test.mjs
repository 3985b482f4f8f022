import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replaceSections } from './markers.mjs';
import { compareAtEqualRate, interpolate, meanOf, quietVsSpeech, summarise } from './stats.mjs';

const clips = [
  { group: 'speech', path: 'speech/a.wav', rmsDbfs: -20 },
  { group: 'speech', path: 'speech/b.wav', rmsDbfs: -25 },
  { group: 'quiet', path: 'quiet/quiet-pauses/p.wav', rmsDbfs: -35 },
  { group: 'quiet', path: 'quiet/quiet-silence/s.wav', rmsDbfs: Number.NEGATIVE_INFINITY },
];
const r = (kbps, mel, siSdr) => ({ kbps, melDistance: mel, stftDistance: 2 * mel, siSdr });

test('means per group; SI-SDR leaves out near-silent clips', () => {
  const per = [r(4, 1, 10), r(6, 3, 20), r(1, 2, 5), r(0.5, 4, -80)];
  const s = summarise(per, clips);
  assert.deepEqual(s.all, { clips: 4, kbps: 2.875, melDistance: 2.5, stftDistance: 5, siSdr: 35 / 3, siSdrClips: 3 });
  assert.deepEqual(s.groups.quiet, { clips: 2, kbps: 0.75, melDistance: 3, stftDistance: 6, siSdr: 5, siSdrClips: 1 });
  assert.equal(meanOf([null, null, null, null], clips), null);
  assert.equal(meanOf(per, clips, (c) => c.path.includes('silence')).siSdr, null);
  // entropy-coded file kbps: averaged when every kept clip has it, absent otherwise (Opus)
  const withFile = per.map((x, i) => ({ ...x, fileKbps: i + 1 }));
  assert.equal(summarise(withFile, clips).all.fileKbps, 2.5);
  assert.equal('fileKbps' in summarise([withFile[0], ...per.slice(1)], clips).all, false);
});

test('interpolate is linear inside the curve and null outside', () => {
  const c = [{ x: 3, y: 30 }, { x: 1, y: 10 }, { x: 2, y: 14 }];
  assert.equal(interpolate(c, 1.5), 12);
  assert.equal(interpolate(c, 2.5), 22);
  assert.equal(interpolate(c, 3), 30);
  assert.equal(interpolate(c, 0.9), null);
  assert.equal(interpolate(c, 3.1), null);
});

test('VBR against CBR at equal kbps, and quiet against speech bits', () => {
  const cbr = [1, 2, 3].map((n) => ({ param: n, mean: r(n, 3 - n * 0.5, 5 * n) }));
  const vbr = [
    { param: 0.5, mean: r(1.5, 2.0, 9), perClip: [r(2, 0, 0), r(2, 0, 0), r(0.5, 0, 0), r(0.25, 0, 0)] },
    { param: 2, mean: r(3.2, 1.0, 16), perClip: [r(4, 0, 0), r(4, 0, 0), r(1, 0, 0), r(1, 0, 0)] },
  ];
  const c = compareAtEqualRate(vbr, cbr);
  assert.equal(c[0].cbrMelDistance, 2.25);
  assert.equal(c[0].deltaMel, -0.25);
  assert.equal(c[0].cbrSiSdr, 7.5);
  assert.equal(c[0].deltaSiSdr, 1.5);
  assert.equal(c[1].cbrMelDistance, null);
  assert.equal(c[1].deltaSiSdr, null);
  const q = quietVsSpeech(vbr, clips);
  assert.deepEqual(q[0], {
    level: 0.5, speechKbps: 2, quietKbps: 0.375, pausesKbps: 0.5, quietOverSpeech: 0.1875, pausesOverSpeech: 0.25,
    speechFileKbps: null, quietFileKbps: null, quietOverSpeechFile: null, pausesOverSpeechFile: null,
  });
  assert.equal(q[1].quietOverSpeech, 0.25);
  // the same ratios for the entropy-coded file rate
  const files = vbr.map((v) => ({ ...v, perClip: v.perClip.map((c, i) => ({ ...c, fileKbps: [2, 4, 0.4, 0.2][i] })) }));
  const f = quietVsSpeech(files, clips)[0];
  assert.deepEqual([f.speechFileKbps, f.quietFileKbps, f.quietOverSpeechFile, f.pausesOverSpeechFile], [3, 0.30000000000000004, 0.10000000000000002, 0.4 / 3]);
});

test('replaceSections rewrites only between markers and reports missing ones', () => {
  const doc = 'intro\n<!-- results:a:begin -->\nold\n<!-- results:a:end -->\nmiddle\n<!-- results:b:begin --><!-- results:b:end -->\nend\n';
  const { text, missing } = replaceSections(doc, { a: 'new A', b: '| t |', c: 'x' });
  assert.equal(text, 'intro\n<!-- results:a:begin -->\nnew A\n<!-- results:a:end -->\nmiddle\n<!-- results:b:begin -->\n| t |\n<!-- results:b:end -->\nend\n');
  assert.deepEqual(missing, ['c']);
  assert.equal(replaceSections(text, { a: 'new A', b: '| t |' }).text, text);
  assert.throws(() => replaceSections('<!-- results:a:end --><!-- results:a:begin -->', { a: 'x' }), { code: 'bad_results' });
});

test('formatJson round-trips and keeps flat objects and number arrays on one line', async () => {
  const { formatJson } = await import('./json-format.mjs');
  const v = { a: [1, 2.5, null], b: { x: 'q"', y: true }, c: [{ k: 1 }, { k: [3, 4] }], d: [], e: {}, f: -Infinity, g: undefined };
  const text = formatJson(v);
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(v)));
  assert.match(text, /"a": \[1,2\.5,null\]/);
  assert.match(text, /"b": \{"x":"q\\"","y":true\}/);
  assert.equal(text.split('\n').length, 13);
});
