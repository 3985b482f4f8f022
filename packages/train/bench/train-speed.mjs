#!/usr/bin/env node
// Training throughput of a config (default tiny-cpu) on each backend: steps/s and seconds of
// training audio per second, on generated audio (no data folder needed).
//   node bench/train-speed.mjs [--config tiny-cpu] [--backends wasm,cpu] [--steps 3] [--cpu-steps 1] [--cpu-batch 1] [--gan]
// The cpu backend is ~70× slower than wasm (216 s for one tiny-cpu step of batch 4), so by default it
// runs one step at batch 1 without a warm-up step; audio-seconds/s is comparable across batch sizes.
// Prints one human line and one JSON line per backend. Run `pnpm --filter @vrvq/train build` first.
import * as tf from '@tensorflow/tfjs-core';
import { VrvqCodec, initBackend } from '@vrvq/core';
import {
  AdamW,
  Discriminator,
  MultiScaleMelLoss,
  MultiScaleStftLoss,
  resolveTrainConfig,
  seedFor,
  setupData,
  trainStep,
} from '../dist/index.js';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const configName = opt('config', 'tiny-cpu');
const backends = opt('backends', 'wasm,cpu').split(',');
const steps = Number(opt('steps', '3'));
const cpuSteps = Number(opt('cpu-steps', '1'));
const cpuBatch = Number(opt('cpu-batch', '1'));
const gan = args.includes('--gan');

for (const backend of backends) {
  const info = await initBackend(backend);
  const config = resolveTrainConfig(configName, {
    data: { train: { generated: { count: 16, clipSeconds: 2 } }, validation: { share: 0 } },
    validation: { count: 0 },
    ...(backend === 'cpu' ? { batchSize: cpuBatch } : {}),
    ...(gan ? { gan: { enabled: true } } : {}),
  });
  const codec = new VrvqCodec(config.model, config.seed);
  const disc = config.gan.enabled
    ? new Discriminator({ periods: config.gan.periods, fftSizes: config.gan.fftSizes, channelScale: config.gan.channelScale, seed: seedFor(0, 'discriminator') })
    : null;
  const ctx = {
    config,
    codec,
    discriminator: disc,
    optimizerG: new AdamW(codec.namedParameters(), { lr: config.optimizer.lr }),
    optimizerD: disc ? new AdamW(disc.namedParameters()) : null,
    melLoss: new MultiScaleMelLoss({ sampleRate: codec.preset.sampleRate, windowLengths: config.mel.windowLengths, nMels: config.mel.nMels }),
    stftLoss: new MultiScaleStftLoss(),
  };
  const { loader } = await setupData(config, codec.preset.sampleRate, codec.hop);
  const n = backend === 'cpu' ? cpuSteps : steps;
  if (backend !== 'cpu') await trainStep(ctx, await loader.next(), 0, false); // warm-up (kernel set-up, caches)
  const t0 = performance.now();
  for (let i = 1; i <= n; i++) await trainStep(ctx, await loader.next(), i, false);
  const sec = (performance.now() - t0) / 1000 / n;
  const audio = config.batchSize * config.excerptSeconds;
  const result = {
    backend,
    threads: info.threads,
    config: config.name,
    model: typeof config.model === 'string' ? config.model : 'custom',
    gan: config.gan.enabled,
    batch: config.batchSize,
    excerptSeconds: config.excerptSeconds,
    secondsPerStep: Number(sec.toFixed(3)),
    stepsPerSecond: Number((1 / sec).toFixed(4)),
    audioSecondsPerSecond: Number((audio / sec).toFixed(4)),
    timedSteps: n,
  };
  console.log(
    `${backend}: ${result.secondsPerStep} s/step, ${result.stepsPerSecond} steps/s, ${result.audioSecondsPerSecond} s of audio/s (${config.name}, batch ${config.batchSize} × ${config.excerptSeconds} s${disc ? ', GAN' : ''})`,
  );
  console.log(JSON.stringify(result));
  codec.dispose();
  disc?.dispose();
  ctx.optimizerG.dispose();
  ctx.optimizerD?.dispose();
  ctx.melLoss.dispose();
  ctx.stftLoss.dispose();
  tf.disposeVariables();
}
