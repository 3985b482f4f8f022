import * as tf from '@tensorflow/tfjs-core';
import { type AnalyzedFrames, flopsPerSecond } from '@vrvq/core';
import { countsFromImportance } from '@vrvq/rvq';
import { type OptionSpec, str } from '../args.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import { loadModel } from '../model.js';
import { createAnalyzer, createSynthesizer } from '../parallel/streams.js';
import { chooseThreads, threadsHelp, threadsOption, WorkerThreads } from '../parallel/threads.js';

export const benchOptions: OptionSpec = {
  model: { type: 'string', short: 'm' },
  seconds: { type: 'string', short: 's' },
  window: { type: 'string' },
  ...threadsOption,
};

export const benchHelp = `vrvq bench [--model M] [--seconds S] [--window FRAMES] [--threads N] [--backend B] [--json]

Measures encode and decode speed (× real time) and peak memory of a model on S seconds of
synthetic audio (default 10), through the same streaming path the encoder and decoder use.
Worker threads are started and warmed up before the clock starts; they share the windows of a
clip, so a clip needs several windows (1024 frames, 13.7 s for the tiny models) to use them.

${threadsHelp(22)}

Example:
  vrvq bench --backend wasm --seconds 60 --threads 2 --json`;

/** Samples process RSS and tfjs memory while work runs; reports the peak. */
class PeakMemory {
  rss = process.memoryUsage().rss;
  tensorBytes = tf.memory().numBytes;
  sample(): void {
    this.rss = Math.max(this.rss, process.memoryUsage().rss);
    this.tensorBytes = Math.max(this.tensorBytes, tf.memory().numBytes);
  }
}

export async function runBench(ctx: CommandContext): Promise<number> {
  const v = ctx.args.values;
  const seconds = Number(str(v.seconds) ?? '10');
  if (!(seconds > 0 && seconds <= 36000)) throw usageError('--seconds must be between 0 and 36000');
  const window = str(v.window) === undefined ? undefined : Number(str(v.window));
  if (window !== undefined && !(Number.isInteger(window) && window >= 1)) throw usageError('--window must be a whole number of frames ≥ 1');
  const backend = await ctx.backend();
  const nThreads = chooseThreads(str(v.threads), backend);
  const model = await loadModel(str(v.model));
  const threads = new WorkerThreads(nThreads, backend, model);
  const codec = model.codec;
  const sr = codec.preset.sampleRate;
  const n = Math.round(seconds * sr);
  const x = Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / sr) * (Math.floor(i / sr) % 2 ? 1 : 0.05));
  const peak = new PeakMemory();
  try {
    const pool = await threads.get();
    const opts = { windowFrames: window, pool };
    // Warm up every thread (kernel compilation, first-call allocations): one second each, at once.
    await Promise.all(
      Array.from({ length: pool?.size ?? 1 }, async () => {
        const warm = createAnalyzer(codec, opts);
        await warm.push(x.subarray(0, Math.min(n, sr)));
        await warm.finish();
      }),
    );

    const an = createAnalyzer(codec, opts);
    const frames: AnalyzedFrames[] = [];
    const bar = ctx.progress('encoding', n);
    const t0 = performance.now();
    const block = 16384;
    for (let i = 0; i < n; i += block) {
      frames.push(...(await an.push(x.subarray(i, i + block))));
      peak.sample();
      bar.update(i);
    }
    frames.push(...(await an.finish()));
    const t1 = performance.now();
    bar.done();
    const nq = codec.preset.nCodebooks;
    const syn = createSynthesizer(codec, opts);
    const bar2 = ctx.progress('decoding', frames.length);
    const t2 = performance.now();
    for (const [i, f] of frames.entries()) {
      const counts = f.p ? countsFromImportance(f.p, 1, nq) : new Int32Array(f.frames).fill(nq);
      await syn.push(counts, f.codes);
      peak.sample();
      bar2.update(i);
    }
    await syn.finish();
    const t3 = performance.now();
    bar2.done();
    const flops = flopsPerSecond(codec.preset);
    const encS = (t1 - t0) / 1000;
    const decS = (t3 - t2) / 1000;
    const result = {
      model: model.name,
      backend,
      threads: pool?.size ?? 1,
      seconds,
      encodeRealTime: seconds / encS,
      decodeRealTime: seconds / decS,
      roundTripRealTime: seconds / (encS + decS),
      encodeGflops: ((flops.encoder + flops.importance + flops.quantizer) * seconds) / encS / 1e9,
      decodeGflops: (flops.decoder * seconds) / decS / 1e9,
      /** The whole process, worker threads included. */
      peakRssMB: peak.rss / 2 ** 20,
      /** Tensors of this thread (null with worker threads, whose tensors it cannot see). */
      peakTensorMB: pool ? null : peak.tensorBytes / 2 ** 20,
    };
    if (ctx.json) ctx.outJson(result);
    else
      ctx.out(
        `${model.name} on ${backend}, ${result.threads} thread${result.threads > 1 ? 's' : ''}, ${seconds} s of audio: encode ${result.encodeRealTime.toFixed(2)}× real time (${result.encodeGflops.toFixed(1)} GFLOP/s), decode ${result.decodeRealTime.toFixed(2)}× (${result.decodeGflops.toFixed(1)} GFLOP/s), both ${result.roundTripRealTime.toFixed(2)}×; peak RSS ${result.peakRssMB.toFixed(0)} MB${result.peakTensorMB === null ? '' : `, tensors ${result.peakTensorMB.toFixed(1)} MB`}`,
      );
  } finally {
    await threads.close();
    codec.dispose();
  }
  return 0;
}
