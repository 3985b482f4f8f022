import * as tf from '@tensorflow/tfjs-core';
import { VrvqCodec } from '@vrvq/core';
import { Rng } from '@vrvq/rvq';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchLoader, DEFAULT_AUGMENT } from '../data/loader.js';
import { seedFor } from '../data/seed.js';
import { GeneratedSource } from '../data/sources.js';
import { Discriminator, disposeFeatureMaps } from '../disc/discriminator.js';
import { detach } from '../losses/detach.js';
import { discriminatorLoss, featureMatchingLoss, generatorAdversarialLoss } from '../losses/gan.js';
import { MultiScaleMelLoss } from '../losses/mel-loss.js';
import { MultiScaleStftLoss } from '../losses/stft-loss.js';
import { AdamW } from '../optim/adamw.js';
import { useBackend } from '../testing/backends.js';
import { microConfig } from '../testing/micro-config.js';
import { type StepContext, trainStep } from './step.js';

// With lr = eps = 1e3 and no decay, AdamW's first update is lr·g/(|g| + eps) ≈ g: parameter
// changes then expose the gradients themselves, so both implementations can be compared.
const config = microConfig({
  gan: { enabled: true },
  optimizer: { lr: 1e3, eps: 1e3, weightDecay: 0, gradClipG: 1e12, gradClipD: 1e12, lrDecay: 1 },
});
const adam = { lr: 1e3, eps: 1e3, weightDecay: 0 };

function makeModels() {
  const codec = new VrvqCodec('vrvq-micro', 7);
  const disc = new Discriminator({ periods: config.gan.periods, fftSizes: config.gan.fftSizes, channelScale: config.gan.channelScale, seed: 3 });
  return { codec, disc, optG: new AdamW(codec.namedParameters(), adam), optD: new AdamW(disc.namedParameters(), adam) };
}
const snapshot = (m: { namedParameters(): Array<[string, tf.Variable]> }) => new Map(m.namedParameters().map(([n, v]) => [n, v.dataSync().slice() as Float32Array]));

/** Batch 0 of a loader over generated 16 kHz clips. */
const firstBatch = (batchSize: number, seed: number, count = 4) =>
  new BatchLoader({ groups: [new GeneratedSource({ sampleRate: 16000, count })], sampleRate: 16000, batchSize, samples: 2048, salience: null, augment: DEFAULT_AUGMENT, seed }).batch(0);
const makeLosses = (cfg = config) => ({
  mel: new MultiScaleMelLoss({ sampleRate: 16000, windowLengths: cfg.mel.windowLengths, nMels: cfg.mel.nMels }),
  stft: new MultiScaleStftLoss(),
});
type Models = ReturnType<typeof makeModels>;
const contextOf = (m: Models, l: ReturnType<typeof makeLosses>): StepContext => ({
  config, codec: m.codec, discriminator: m.disc, optimizerG: m.optG, optimizerD: m.optD, melLoss: l.mel, stftLoss: l.stft,
});
function disposeAll(models: Models[], l: ReturnType<typeof makeLosses>): void {
  for (const m of models) {
    m.codec.dispose();
    m.disc.dispose();
    m.optG.dispose();
    m.optD.dispose();
  }
  l.mel.dispose();
  l.stft.dispose();
}

describe('trainStep', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('equals the straightforward implementation (D step on detached ŷ, then the full G loss with the updated D)', async () => {
    const batch = await firstBatch(4, 1);
    const losses = makeLosses();
    const { mel } = losses;

    // ours
    const a = makeModels();
    const g0 = snapshot(a.codec);
    const d0 = snapshot(a.disc);
    const ctx = contextOf(a, losses);
    const before = tf.memory().numTensors;
    const m = await trainStep(ctx, batch, 0, true);
    expect(tf.memory().numTensors).toBe(before);

    // reference: forward G twice, plain taped losses
    const b = makeModels();
    const x = tf.tensor3d(batch.audio, [4, 2048, 1]);
    const spec = () => ({ mode: 'vbr' as const, rng: new Rng(seedFor(config.seed, 'quantizer', 0)), fullCodebookRate: 0.25, alpha: 2 });
    const yDet = tf.tidy(() => b.codec.trainForward(x, spec()).y);
    const dg = tf.variableGrads(() => {
      const f = b.disc.apply(yDet);
      const r = b.disc.apply(x);
      const l = discriminatorLoss(f, r);
      disposeFeatureMaps(f);
      disposeFeatureMaps(r);
      return l;
    }, b.disc.parameters());
    const dGrads = Object.fromEntries(b.disc.namedParameters().map(([n, v]) => [n, dg.grads[v.name]]));
    await b.optD.applyGradients(dGrads);
    const gg = tf.variableGrads(() => {
      const out = b.codec.trainForward(x, spec());
      const f = b.disc.apply(out.y);
      const r = b.disc.apply(x).map((maps) => maps.map((t) => detach(t)));
      return tf.addN([
        tf.mul(mel.loss(out.y, x), 15),
        tf.mul(featureMatchingLoss(f, r), 2),
        generatorAdversarialLoss(f),
        out.codebook,
        tf.mul(out.commitment, 0.25),
        tf.mul(out.rate, 2),
      ]) as tf.Scalar;
    }, b.codec.parameters());
    await b.optG.applyGradients(Object.fromEntries(b.codec.namedParameters().map(([n, v]) => [n, gg.grads[v.name]]).filter(([, g]) => g)));
    expect(m.step).toBe(1);
    expect(m.skippedG || m.skippedD).toBe(false);
    expect(a.optG.step).toBe(1);
    expect(a.optD.step).toBe(1);
    expect(m.loss.total).toBeCloseTo(gg.value.dataSync()[0], 3);
    expect(m.loss.discriminator).toBeCloseTo(dg.value.dataSync()[0], 4);

    const compare = (after: Map<string, Float32Array>, ref: Map<string, Float32Array>, start: Map<string, Float32Array>) => {
      let worst = 0;
      let scale = 0;
      for (const [name, v] of after) {
        const r = ref.get(name)!;
        const s = start.get(name)!;
        for (let i = 0; i < v.length; i++) {
          worst = Math.max(worst, Math.abs(v[i] - s[i] - (r[i] - s[i])));
          scale = Math.max(scale, Math.abs(r[i] - s[i]));
        }
      }
      return { worst, scale };
    };
    const gc = compare(snapshot(a.codec), snapshot(b.codec), g0);
    const dc = compare(snapshot(a.disc), snapshot(b.disc), d0);
    expect(gc.scale).toBeGreaterThan(1e-3);
    expect(dc.scale).toBeGreaterThan(1e-4);
    expect(gc.worst).toBeLessThan(1e-3 * gc.scale);
    expect(dc.worst).toBeLessThan(1e-3 * dc.scale);
    tf.dispose([x, yDet, dg.value, gg.value, ...Object.values(dg.grads), ...Object.values(gg.grads)]);
    disposeAll([a, b], losses);
  });
  it('skips both updates on a non-finite loss and leaves weights, moments and step counts as they were', async () => {
    const good = await firstBatch(2, 2);
    const losses = makeLosses();
    const a = makeModels();
    const ctx = contextOf(a, losses);
    const first = await trainStep(ctx, good, 0, false);
    expect(first.skippedG || first.skippedD).toBe(false);
    const g1 = snapshot(a.codec);
    const d1 = snapshot(a.disc);
    const s1 = [await a.optG.getState(), await a.optD.getState()];
    const before = tf.memory().numTensors;
    const bad = { ...good, audio: good.audio.map((x, i) => (i === 100 ? Number.NaN : x)) };
    const m = await trainStep(ctx, bad, 1, true);
    expect(tf.memory().numTensors).toBe(before);
    expect(m.skippedG).toBe(true);
    expect(m.skippedD).toBe(true);
    expect(Number.isFinite(m.gradNormG)).toBe(false);
    expect(Number.isFinite(m.gradNormD!)).toBe(false);
    expect(a.optG.step).toBe(1);
    expect(a.optD.step).toBe(1);
    const same = (x: Map<string, Float32Array>, y: Map<string, Float32Array>) => [...x].every(([k, v]) => v.every((e, i) => Object.is(e, y.get(k)![i])));
    expect(same(snapshot(a.codec), g1)).toBe(true);
    expect(same(snapshot(a.disc), d1)).toBe(true);
    const s2 = [await a.optG.getState(), await a.optD.getState()];
    for (const [i, st] of s2.entries()) {
      expect(st.step).toBe(1);
      for (const [k, t] of Object.entries(st.tensors)) expect(t.data.every((e, j) => Object.is(e, s1[i].tensors[k].data[j]))).toBe(true);
    }
    // Training goes on: the next good step is the optimisers' second.
    const next = await trainStep(ctx, good, 2, false);
    expect(next.skippedG || next.skippedD).toBe(false);
    expect(a.optG.step).toBe(2);
    disposeAll([a], losses);
  });
});

describe('trainStep on cpu', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('runs asynchronously and frees what it allocates', async () => {
    const batch = await firstBatch(1, 3, 2);
    const losses = makeLosses();
    const a = makeModels();
    const ctx = contextOf(a, losses);
    const before = tf.memory().numTensors;
    const pending = trainStep(ctx, batch, 0, true);
    expect(pending).toBeInstanceOf(Promise);
    const m = await pending;
    expect(tf.memory().numTensors).toBe(before);
    expect(m.skippedG || m.skippedD).toBe(false);
    expect(Number.isFinite(m.loss.total) && Number.isFinite(m.loss.discriminator!) && Number.isFinite(m.loss.stft!)).toBe(true);
    expect(m.gradNormG).toBeGreaterThan(0);
    expect(m.gradNormD).toBeGreaterThan(0);
    expect(m.meanCodebooks).toBeGreaterThan(0);
    expect(m.meanImportance).toBeGreaterThan(0);
    expect([a.optG.step, a.optD.step]).toEqual([1, 1]);
    disposeAll([a], losses);
  });
});

describe('trainStep CBR warm-up of a VBR run', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('trains as CBR (no rate, importance subnet untouched) before cbrWarmupSteps and as VBR from then on', async () => {
    const cfg = microConfig({ quantizer: { cbrWarmupSteps: 2 } });
    const batch = await firstBatch(4, 5);
    const { mel, stft } = makeLosses(cfg);
    const codec = new VrvqCodec('vrvq-micro', 7);
    const optG = new AdamW(codec.namedParameters(), { lr: 1e-3 });
    const ctx: StepContext = { config: cfg, codec, discriminator: null, optimizerG: optG, optimizerD: null, melLoss: mel, stftLoss: stft };
    const subnet = () => snapshot(codec.importance!);
    const changed = (a: Map<string, Float32Array>, b: Map<string, Float32Array>) => [...a].filter(([n, v]) => v.some((x, i) => x !== b.get(n)![i])).length;

    const s0 = subnet();
    const m1 = await trainStep(ctx, batch, 1, false); // last warm-up step
    expect(m1.loss.rate).toBe(0);
    expect(changed(s0, subnet())).toBe(0);

    const m2 = await trainStep(ctx, batch, 2, false); // first VBR step
    expect(m2.loss.rate).toBeGreaterThan(0);
    expect(changed(s0, subnet())).toBeGreaterThan(0);
    codec.dispose();
    optG.dispose();
    mel.dispose();
    stft.dispose();
  });
});

describe('trainStep quiet-frame rate weights', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('multiplies the rate of frames below quietRate.toDb by 1 + boost, and leaves other losses alone', async () => {
    const loud = await firstBatch(4, 5);
    const quiet = { ...loud, audio: loud.audio.map((v) => v * 1e-4) }; // every frame below −60 dBFS
    const run = async (boost: number) => {
      const cfg = microConfig({ quantizer: { quietRate: { boost, fromDb: -40, toDb: -60 } } });
      const { mel, stft } = makeLosses(cfg);
      const codec = new VrvqCodec('vrvq-micro', 7);
      const optG = new AdamW(codec.namedParameters(), { lr: 1e-3 });
      const ctx: StepContext = { config: cfg, codec, discriminator: null, optimizerG: optG, optimizerD: null, melLoss: mel, stftLoss: stft };
      const m = await trainStep(ctx, quiet, 0, false);
      codec.dispose();
      optG.dispose();
      mel.dispose();
      stft.dispose();
      return m;
    };
    const off = await run(0);
    const on = await run(2);
    expect(off.loss.rate).toBeGreaterThan(0);
    expect(on.loss.rate).toBeCloseTo(3 * off.loss.rate, 5);
    expect(on.loss.mel).toBeCloseTo(off.loss.mel, 5);
    expect(on.loss.codebook).toBeCloseTo(off.loss.codebook, 5);
  });
});
