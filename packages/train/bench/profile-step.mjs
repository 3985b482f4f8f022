#!/usr/bin/env node
// Where a training step's time goes (default: tiny-cpu on wasm, GAN off): wall and CPU time per
// step, the phases of `trainStep` (generator forward, mel loss forward, AdamW; the rest is the
// two backward passes and bookkeeping), the mel loss forward + backward alone, and with
// --profile the top kernels by self CPU time. Run on the built dist (`pnpm --filter @vrvq/train build`):
//   node bench/profile-step.mjs [--config tiny-cpu] [--steps 4] [--backend wasm] [--profile] [--top 15] [--by-shape]
// CPU time is this process's (user + system): on a shared machine wall time swings with other
// load, while wasm computes synchronously on this thread.
import * as tf from '@tensorflow/tfjs-core';
import { VrvqCodec, initBackend } from '@vrvq/core';
import { KernelProfiler, cpuNow } from '../../core/bench/kernel-profiler.mjs';
import { AdamW, MultiScaleMelLoss, MultiScaleStftLoss, resolveTrainConfig, setupData, trainStep } from '../dist/index.js';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const configName = opt('config', 'tiny-cpu');
const backend = opt('backend', 'wasm');
const steps = Number(opt('steps', '4'));
const top = Number(opt('top', '15'));
const profile = args.includes('--profile');

await initBackend(backend);
const config = resolveTrainConfig(configName, {
  data: { train: { generated: { count: 16, clipSeconds: 2 } }, validation: { share: 0 } },
  validation: { count: 0 },
  gan: { enabled: false },
});
const codec = new VrvqCodec(config.model, config.seed);
const ctx = {
  config,
  codec,
  discriminator: null,
  optimizerG: new AdamW(codec.namedParameters(), { lr: config.optimizer.lr }),
  optimizerD: null,
  melLoss: new MultiScaleMelLoss({ sampleRate: codec.preset.sampleRate, windowLengths: config.mel.windowLengths, nMels: config.mel.nMels }),
  stftLoss: new MultiScaleStftLoss(),
};
const { loader } = await setupData(config, codec.preset.sampleRate, codec.hop);
const batches = [];
for (let i = 0; i <= steps; i++) batches.push(await loader.next());
const audio = config.batchSize * config.excerptSeconds;

// Phase timers (CPU ms, inclusive) on the instances the step uses.
const phases = new Map();
function timePhase(obj, method, label) {
  const inner = obj[method].bind(obj);
  obj[method] = (...a) => {
    const t0 = cpuNow();
    try {
      return inner(...a);
    } finally {
      phases.set(label, (phases.get(label) ?? 0) + cpuNow() - t0);
    }
  };
}
timePhase(codec, 'trainForward', 'generator forward');
timePhase(ctx.melLoss, 'loss', 'mel loss forward');
timePhase(ctx.optimizerG, 'applyGradients', 'AdamW (incl. clipping)');

await trainStep(ctx, batches[0], 0, false); // warm-up: kernel set-up, caches
phases.clear();
const wall = [];
const cpu = [];
for (let i = 1; i <= steps; i++) {
  const c0 = cpuNow();
  const t0 = performance.now();
  await trainStep(ctx, batches[i], i, false);
  wall.push(performance.now() - t0);
  cpu.push(cpuNow() - c0);
}
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const cpuMean = mean(cpu);
console.log(
  `# ${config.name} (${typeof config.model === 'string' ? config.model : 'custom'}, batch ${config.batchSize} × ${config.excerptSeconds} s, ${backend}, GAN off): ` +
    `${(mean(wall) / 1000).toFixed(3)} s/step wall (min ${(Math.min(...wall) / 1000).toFixed(3)}), ` +
    `${(cpuMean / 1000).toFixed(3)} s/step CPU (min ${(Math.min(...cpu) / 1000).toFixed(3)}); ` +
    `${(audio / (cpuMean / 1000)).toFixed(2)} s of audio per CPU second, ${(audio / (mean(wall) / 1000)).toFixed(2)} per wall second`,
);
console.log(
  JSON.stringify({
    config: config.name,
    backend,
    steps,
    secondsPerStepWall: Number((mean(wall) / 1000).toFixed(3)),
    secondsPerStepCpu: Number((cpuMean / 1000).toFixed(3)),
    audioSecondsPerCpuSecond: Number((audio / (cpuMean / 1000)).toFixed(3)),
  }),
);
let accounted = 0;
for (const [k, v] of phases) {
  console.log(`  ${k.padEnd(28)} ${(v / steps).toFixed(0).padStart(6)} ms CPU ${((100 * v) / steps / cpuMean).toFixed(1).padStart(5)} %`);
  accounted += v / steps;
}
console.log(`  ${'rest (backward passes, …)'.padEnd(28)} ${(cpuMean - accounted).toFixed(0).padStart(6)} ms CPU ${((100 * (cpuMean - accounted)) / cpuMean).toFixed(1).padStart(5)} %`);

// The mel loss alone: forward, and forward + backward w.r.t. ŷ (as in the step).
{
  const x = tf.tensor3d(batches[0].audio, [batches[0].batchSize, batches[0].samples, 1]);
  const yh = tf.tidy(() => tf.add(tf.mul(x, 0.7), tf.mul(tf.randomNormal(x.shape, 0, 0.01, 'float32', 1), 1)));
  const f = () => tf.tidy(() => ctx.melLoss.loss(yh, x).dataSync());
  const g = () => tf.tidy(() => tf.valueAndGrad((y) => ctx.melLoss.loss(y, x))(yh).grad.dataSync());
  f();
  g();
  let c0 = cpuNow();
  for (let i = 0; i < steps; i++) f();
  const fwd = (cpuNow() - c0) / steps;
  c0 = cpuNow();
  for (let i = 0; i < steps; i++) g();
  const both = (cpuNow() - c0) / steps;
  console.log(`  mel loss alone: forward ${fwd.toFixed(0)} ms CPU, forward + backward ${both.toFixed(0)} ms CPU`);
  tf.dispose([x, yh]);
}

if (profile) {
  const prof = new KernelProfiler({ byShape: args.includes('--by-shape') });
  prof.install(backend);
  // The profiler times synchronous work: each step's kernels all run before its first await
  // (the reads of its scalars), so every step is profiled on its own and awaited outside.
  const r = { cpuMs: 0, kernelMs: 0, calls: 0 };
  for (let i = 1; i <= steps; i++) {
    let pending;
    const ri = prof.run(() => {
      pending = trainStep(ctx, batches[i], steps + i, false);
    });
    await pending;
    r.cpuMs += ri.cpuMs;
    r.kernelMs = ri.kernelMs; // cumulative over runs
    r.calls = ri.calls;
  }
  console.log(
    `\ntop kernels (self CPU ms per step): kernels ${(r.kernelMs / steps).toFixed(0)} of ${(r.cpuMs / steps).toFixed(0)} ms CPU, ${Math.round(r.calls / steps)} kernel calls per step`,
  );
  for (const line of KernelProfiler.table(prof.kernels, r.cpuMs, top, steps)) console.log(line);
}

codec.dispose();
ctx.optimizerG.dispose();
ctx.melLoss.dispose();
ctx.stftLoss.dispose();
