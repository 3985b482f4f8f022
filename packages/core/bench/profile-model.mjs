#!/usr/bin/env node
// Where the time of a small model goes on wasm: generator forward, forward + backward (the
// training step's generator part, with an L1 loss instead of the mel loss) and streaming
// inference encode/decode, each with wall and CPU time, the top kernels by self time and the
// forward time per layer kind. Run on the built dist (`pnpm --filter @vrvq/core build`):
//   node bench/profile-model.mjs [--train vrvq-tiny-24k] [--infer tiny-24k] [--batch 4]
//        [--seconds 0.4] [--infer-seconds 10] [--reps 3] [--backend wasm] [--top 15] [--only train|infer]
//        [--by-shape] (kernels keyed by input shapes)
import * as tf from '@tensorflow/tfjs-core';
import { ResidualVectorQuantizer, Rng } from '@vrvq/rvq';
import {
  Decoder,
  Encoder,
  ImportanceSubnet,
  ResidualUnit,
  Snake1d,
  StreamingAnalyzer,
  StreamingSynthesizer,
  VrvqCodec,
  WNConv1d,
  WNConvTranspose1d,
  flopsPerSecond,
  initBackend,
} from '../dist/index.js';
import { KernelProfiler, timeRuns } from './kernel-profiler.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const trainPreset = opt('train', 'vrvq-tiny-24k');
const inferPreset = opt('infer', 'tiny-24k');
const batch = Number(opt('batch', '4'));
const seconds = Number(opt('seconds', '0.4'));
const inferSeconds = Number(opt('infer-seconds', '10'));
const reps = Number(opt('reps', '3'));
const top = Number(opt('top', '15'));
const only = opt('only', 'all');
const backend = opt('backend', 'wasm');

await initBackend(backend);
const prof = new KernelProfiler({ byShape: args.includes('--by-shape') });

// Forward time per layer kind (inclusive; a ResidualUnit contains its Snakes and convs).
const shape = (x) => (x?.shape ? `T${x.shape[1]}` : '');
prof.wrapMethod(WNConv1d.prototype, 'apply', (l, [x]) => {
  const o = l.opts;
  return `conv k${o.kernel}${o.dilation > 1 ? ` d${o.dilation}` : ''}${o.stride > 1 ? ` s${o.stride}` : ''} ${l.inChannels}→${l.outChannels} ${shape(x)}`;
});
prof.wrapMethod(WNConvTranspose1d.prototype, 'apply', (l, [x]) => `convT s${l.stride} ${l.inChannels}→${l.outChannels} ${shape(x)}`);
prof.wrapMethod(Snake1d.prototype, 'apply', (l, [x]) => `snake C${l.channels} ${shape(x)}`);
prof.wrapMethod(ResidualUnit.prototype, 'apply', (_l, [x]) => `[RU C${x.shape[2]} ${shape(x)}]`);
prof.wrapMethod(Encoder.prototype, 'apply', '{encoder}');
prof.wrapMethod(Decoder.prototype, 'apply', '{decoder}');
prof.wrapMethod(ImportanceSubnet.prototype, 'apply', '{importance subnet}');
prof.wrapMethod(ResidualVectorQuantizer.prototype, 'forward', '{quantizer.forward}');
prof.wrapMethod(ResidualVectorQuantizer.prototype, 'encode', '{quantizer.encode}');
prof.wrapMethod(ResidualVectorQuantizer.prototype, 'codesToLatent', '{quantizer.codesToLatent}');

function report(title, f, audioSeconds, flops) {
  f(); // warm-up: kernel registration, caches
  prof.install(backend);
  const t = timeRuns(reps, f);
  prof.reset();
  const r = prof.run(() => {
    for (let i = 0; i < reps; i++) f();
  });
  const per = (v) => v / reps;
  console.log(`\n## ${title}`);
  console.log(
    `wall ${t.wallMin.toFixed(0)} ms (mean ${t.wallMean.toFixed(0)}), CPU ${t.cpuMin.toFixed(0)} ms (mean ${t.cpuMean.toFixed(0)}); ` +
      `${(audioSeconds / (t.cpuMin / 1000)).toFixed(2)}× real time by CPU time; ` +
      (flops ? `${((flops * audioSeconds) / (t.cpuMin / 1000) / 1e9).toFixed(2)} GFLOP/s; ` : '') +
      `profiled: kernels ${per(r.kernelMs).toFixed(0)} ms of ${per(r.cpuMs).toFixed(0)} ms CPU (${((100 * r.kernelMs) / r.cpuMs).toFixed(0)} %), ${Math.round(per(r.calls))} kernel calls`,
  );
  console.log('top kernels (self CPU time per run, share of the run CPU time):');
  for (const line of KernelProfiler.table(prof.kernels, r.cpuMs, top, reps)) console.log(line);
  if (prof.regions.size) {
    console.log('layers (inclusive forward CPU time per run):');
    for (const line of KernelProfiler.table(prof.regions, r.cpuMs, top + 10, reps)) console.log(line);
  }
  return t;
}

function noise(shape, seed) {
  const rng = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = 0.3 * Math.sin(i * 0.031) + 0.05 * rng.normal();
  return tf.tensor(d, shape);
}

if (only !== 'infer') {
  const codec = new VrvqCodec(trainPreset, 0);
  const n = Math.ceil((seconds * codec.preset.sampleRate) / codec.hop) * codec.hop;
  const x = noise([batch, n, 1], 1);
  const audio = (batch * n) / codec.preset.sampleRate;
  const fl = flopsPerSecond(codec.preset);
  const genFlops = fl.encoder + fl.importance + fl.quantizer + fl.decoder;
  console.log(`# ${trainPreset}: ${codec.numParameters()} parameters, batch ${batch} × ${n} samples (${audio} s of audio), ${(genFlops / 1e9).toFixed(2)} GFLOP per audio second`);
  const spec = (i) => ({ mode: codec.importance ? 'vbr' : 'cbr', rng: new Rng(i) });
  let step = 0;
  report(
    'generator forward (trainForward, no tape)',
    () => {
      const out = codec.trainForward(x, spec(step++));
      tf.dispose([out.y, out.commitment, out.codebook, out.rate, out.p, out.counts].filter(Boolean));
    },
    audio,
    genFlops,
  );
  const vars = codec.parameters();
  report(
    'generator forward + backward (L1 + VQ + rate loss)',
    () => {
      const { value, grads } = tf.variableGrads(() => {
        const o = codec.trainForward(x, spec(step++));
        return tf.addN([tf.mean(tf.abs(tf.sub(o.y, x))), o.commitment, o.codebook, o.rate]);
      }, vars);
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    },
    audio,
    3 * genFlops,
  );
  x.dispose();
  codec.dispose();
}

if (only !== 'train') {
  const codec = new VrvqCodec(inferPreset, 0);
  const sr = codec.preset.sampleRate;
  const n = Math.round(inferSeconds * sr);
  const sig = Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / sr) * (Math.floor(i / sr) % 2 ? 1 : 0.05));
  const fl = flopsPerSecond(codec.preset);
  console.log(`\n# ${inferPreset} inference: ${inferSeconds} s of audio through the streaming path (${(fl.total / 1e9).toFixed(2)} GFLOP per audio second)`);
  let frames = [];
  report(
    'encode (StreamingAnalyzer)',
    () => {
      const an = new StreamingAnalyzer(codec);
      frames = [];
      for (let i = 0; i < n; i += 16384) frames.push(...an.push(sig.subarray(i, i + 16384)));
      frames.push(...an.finish());
    },
    inferSeconds,
    fl.encoder + fl.importance + fl.quantizer,
  );
  const nq = codec.preset.nCodebooks;
  report(
    'decode (StreamingSynthesizer, all levels)',
    () => {
      const syn = new StreamingSynthesizer(codec);
      for (const f of frames) syn.push(new Int32Array(f.frames).fill(nq), f.codes);
      syn.finish();
    },
    inferSeconds,
    fl.decoder,
  );
  codec.dispose();
}
