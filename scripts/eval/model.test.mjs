// Runs a small random-weight model (preset vrvq-micro) through the evaluation path on wasm.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { evaluateModelOnClip } from './clip-eval.mjs';
import { analyse, decode, loadModel } from './model.mjs';
import { core, rvq, tf } from './packages.mjs';
import { modelSettings } from './settings.mjs';

let dir;
let model;
let x;

before(async () => {
  await core.initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'vrvq-model-test-'));
  const codec = new core.VrvqCodec('vrvq-micro', 3);
  writeFileSync(join(dir, 'w.safetensors'), await codec.toWeights({ 'vrvq.train.step': '42' }));
  codec.dispose?.();
  model = loadModel(join(dir, 'w.safetensors'));
  const n = model.hop * 100; // 0.4 s at 16 kHz
  x = Float32Array.from({ length: n }, (_, i) => (i < n / 2 ? 0.4 * Math.sin(i * 0.09) * Math.sin(i * 0.0021) : 0.001 * Math.sin(i * 0.5)));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('loadModel reads preset, rate config and training step', () => {
  assert.equal(model.preset.name, 'vrvq-micro');
  assert.equal(model.step, 42);
  assert.equal(model.frameRate, model.sampleRate / model.hop);
  assert.equal(model.supportsVbr, true);
  assert.match(model.sha256, /^[0-9a-f]{64}$/);
  assert.throws(() => loadModel(join(dir, 'none.safetensors')), { code: 'missing_file' });
});

test('constant per-frame counts decode exactly like the CBR count', () => {
  const before = tf.memory().numTensors;
  const { codes, p, frames } = analyse(model, x);
  assert.equal(frames, x.length / model.hop);
  assert.equal(p.length, frames);
  const a = decode(model, codes, new Int32Array(frames).fill(2), x.length);
  const b = decode(model, codes, 2, x.length);
  const c = decode(model, codes, 3, x.length);
  codes.dispose();
  assert.equal(a.length, x.length);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.equal(tf.memory().numTensors, before);
});

test('every setting: exact bit accounting, VBR at full counts equals CBR n = N_q, no tensor leak', async () => {
  const nq = model.rateCfg.nCodebooks;
  const settings = modelSettings('vrvq', model, [0.3, 1, 1000]);
  assert.deepEqual(
    settings.map((s) => s.id),
    ['vrvq-vbr:0.3', 'vrvq-vbr:1', 'vrvq-vbr:1000', ...Array.from({ length: nq }, (_, i) => `vrvq-cbr:${i + 1}`)],
  );
  const before = tf.memory().numTensors;
  const res = await evaluateModelOnClip(model, settings, x);
  assert.equal(tf.memory().numTensors, before);
  const seconds = x.length / model.sampleRate;
  const bitsPerCode = Math.log2(model.rateCfg.codebookSize);
  for (let n = 1; n <= nq; n++) {
    const r = res.get(`vrvq-cbr:${n}`);
    assert.ok(Math.abs(r.kbps - (n * bitsPerCode * model.frameRate) / 1000) < 1e-9);
    assert.equal(r.sideInfoKbps, 0);
    assert.ok(Number.isFinite(r.melDistance) && Number.isFinite(r.siSdr));
  }
  const { codes, p } = analyse(model, x);
  codes.dispose();
  const counts = rvq.countsFromImportance(p, 1, nq);
  const bits = rvq.clipBits(counts, model.rateCfg, 'vbr');
  const v1 = res.get('vrvq-vbr:1');
  assert.ok(Math.abs(v1.kbps - bits.total / seconds / 1000) < 1e-3 * v1.kbps);
  const full = res.get('vrvq-vbr:1000');
  const cbrFull = res.get(`vrvq-cbr:${nq}`);
  assert.equal(full.meanCount, nq);
  assert.equal(full.melDistance, cbrFull.melDistance);
  assert.equal(full.siSdr, cbrFull.siSdr);
  const side = (Math.ceil(Math.log2(nq)) * model.frameRate) / 1000;
  assert.ok(Math.abs(full.kbps - cbrFull.kbps - side) < 1e-3);
});

test('settings per role', () => {
  const vbrModel = { supportsVbr: true, rateCfg: { nCodebooks: 3 } };
  const cbrModel = { supportsVbr: false, rateCfg: { nCodebooks: 3 } };
  assert.deepEqual(modelSettings('cbr-baseline', vbrModel, [0.5]).map((s) => s.id), ['baseline-cbr:1', 'baseline-cbr:2', 'baseline-cbr:3']);
  assert.deepEqual(modelSettings('ramp', vbrModel, [0.5, 1]).map((s) => s.id), ['ramp-vbr:0.5', 'ramp-vbr:1']);
  assert.deepEqual(modelSettings('ramp', cbrModel, [0.5]), []);
  assert.deepEqual(modelSettings('vrvq', cbrModel, [0.5]).map((s) => s.mode), ['cbr', 'cbr', 'cbr']);
});
