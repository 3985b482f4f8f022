import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { VrvqCodec } from '@vrvq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { microConfig } from '../testing/micro-config.js';
import { MetricsLog, type MetricsRecord } from './run-dir.js';
import { train } from './train.js';

const dirs: string[] = [];
const newDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'vrvq-train-'));
  dirs.push(d);
  return d;
};
const trainLosses = (recs: MetricsRecord[]) => recs.filter((r) => r.type === 'train').map((r) => ({ step: r.step, loss: r.loss, gradNormG: r.gradNormG, gradNormD: r.gradNormD }));

describe('train (wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('trains the micro model on generated audio: the mel loss falls; writes the run folder', async () => {
    const runDir = await newDir();
    const before = tf.memory().numTensors;
    const cfg = microConfig({
      steps: 40,
      data: { train: { generated: { count: 4, clipSeconds: 1, kinds: ['sine', 'am-tone'] } } },
      checkpoint: { every: 20, keep: 1 },
      validation: { every: 20 },
    });
    const seen: string[] = [];
    const r = await train(cfg, { runDir, onProgress: (p) => seen.push(p.phase) });
    expect(r).toMatchObject({ step: 40, stopped: 'completed' });
    expect(tf.memory().numTensors).toBe(before);
    const recs = await new MetricsLog(join(runDir, 'metrics.jsonl')).readAll();
    const mel = recs.filter((x) => x.type === 'train').map((x) => (x.loss as { mel: number }).mel);
    expect(mel.length).toBe(40);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(mel.slice(-8))).toBeLessThan(0.8 * mean(mel.slice(0, 8))); // measured: 6.4 → 4.0
    const vals = recs.filter((x) => x.type === 'validation');
    expect(vals.map((v) => v.step)).toEqual([20, 40]);
    expect(new Set(seen)).toEqual(new Set(['setup', 'train', 'checkpoint', 'validation', 'done']));
    // artifacts: checkpoint (only the newest kept), model weights loadable by core, report
    expect(await readdir(join(runDir, 'checkpoints'))).toEqual(['latest.json', 'step-00000040']);
    const codec = VrvqCodec.fromWeights(new Uint8Array(await readFile(join(runDir, 'model.safetensors'))));
    expect(codec.preset.name).toBe('vrvq-micro');
    codec.dispose();
    const html = await readFile(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('rate–distortion at step 40');
    expect(JSON.parse(await readFile(join(runDir, 'config.json'), 'utf8')).steps).toBe(40);
  });

  it('resuming at step k reproduces the uninterrupted run exactly (GAN on)', async () => {
    const cfg = (steps: number) => microConfig({ steps, gan: { enabled: true }, validation: { count: 1 } });
    const full = await newDir();
    await train(cfg(6), { runDir: full });
    const split = await newDir();
    await train(cfg(3), { runDir: split });
    await expect(train(cfg(6), { runDir: split })).rejects.toMatchObject({ code: 'run-dir' });
    await expect(train(microConfig({ steps: 6, seed: 5, gan: { enabled: true } }), { runDir: split, resume: true })).rejects.toMatchObject({ code: 'bad-config' });
    const r = await train(cfg(6), { runDir: split, resume: true });
    expect(r.step).toBe(6);
    const a = trainLosses(await new MetricsLog(join(full, 'metrics.jsonl')).readAll());
    const b = trainLosses(await new MetricsLog(join(split, 'metrics.jsonl')).readAll());
    expect(a.length).toBe(6);
    expect(a[5].loss).toHaveProperty('discriminator');
    expect(b).toEqual(a);
    const wa = await readFile(join(full, 'model.safetensors'));
    const wb = await readFile(join(split, 'model.safetensors'));
    expect(Buffer.compare(wa, wb)).toBe(0);
  });

  it('averages weights without changing training: validation and model.safetensors use the average', async () => {
    const cfg = (decay: number) => microConfig({ steps: 4, ema: { decay }, validation: { count: 1 } });
    const plain = await newDir();
    await train(cfg(0), { runDir: plain });
    const averaged = await newDir();
    await train(cfg(0.5), { runDir: averaged });
    const recsA = await new MetricsLog(join(averaged, 'metrics.jsonl')).readAll();
    const recsP = await new MetricsLog(join(plain, 'metrics.jsonl')).readAll();
    expect(trainLosses(recsA)).toEqual(trainLosses(recsP)); // the trajectory is the same
    const ck = join(averaged, 'checkpoints', 'step-00000004');
    const raw = await readFile(join(ck, 'model.safetensors'));
    expect(Buffer.compare(raw, await readFile(join(plain, 'model.safetensors')))).toBe(0);
    const avg = await readFile(join(ck, 'model-ema.safetensors'));
    expect(Buffer.compare(avg, await readFile(join(averaged, 'model.safetensors')))).toBe(0);
    expect(Buffer.compare(avg, raw)).not.toBe(0);
    expect(await readdir(join(plain, 'checkpoints', 'step-00000004'))).not.toContain('model-ema.safetensors');
    const valA = recsA.find((r) => r.type === 'validation')!;
    const valP = recsP.find((r) => r.type === 'validation')!;
    expect(valA.weights).toBe('ema 0.5');
    expect(valP.weights).toBeUndefined();
    expect(valA.points).not.toEqual(valP.points);
    const codec = VrvqCodec.fromWeights(new Uint8Array(avg));
    codec.dispose();
  });

  it('stops on abort with a checkpoint at the current step', async () => {
    const runDir = await newDir();
    const ac = new AbortController();
    const r = await train(microConfig({ steps: 50 }), {
      runDir,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'train' && p.step === 2) ac.abort();
      },
    });
    expect(r).toMatchObject({ step: 2, stopped: 'aborted' });
    expect(JSON.parse(await readFile(join(runDir, 'checkpoints', 'latest.json'), 'utf8')).step).toBe(2);
  });
});
