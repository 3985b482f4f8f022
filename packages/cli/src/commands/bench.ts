import * as tf from '@tensorflow/tfjs-core';
import { StreamingAnalyzer, StreamingSynthesizer, flopsPerSecond } from '@vrvq/core';
import { countsFromImportance } from '@vrvq/rvq';
import { type OptionSpec, str } from '../args.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import { loadModel } from '../model.js';

export const benchOptions: OptionSpec = {
  model: { type: 'string', short: 'm' },
  seconds: { type: 'string', short: 's' },
  window: { type: 'string' },
};

export const benchHelp = `vrvq bench [--model M] [--seconds S] [--window FRAMES] [--backend B] [--json]

Measures encode and decode speed (× real time) and peak memory of a model on S seconds of
synthetic audio (default 10), through the same streaming path the encoder and decoder use.

Example:
  vrvq bench --backend wasm --seconds 30 --json`;

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
  const backend = await ctx.backend();
  const model = await loadModel(str(v.model));
  const codec = model.codec;
  const sr = codec.preset.sampleRate;
  const n = Math.round(seconds * sr);
  const x = Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / sr) * (Math.floor(i / sr) % 2 ? 1 : 0.05));
  const peak = new PeakMemory();
  try {
    // Warm up (kernel compilation, first-call allocations).
    const warm = new StreamingAnalyzer(codec, { windowFrames: window });
    await warm.pushAsync(x.subarray(0, Math.min(n, sr)));
    await warm.finishAsync();

    const an = new StreamingAnalyzer(codec, { windowFrames: window });
    const frames = [];
    const bar = ctx.progress('encoding', n);
    const t0 = performance.now();
    const block = 16384;
    for (let i = 0; i < n; i += block) {
      frames.push(...(await an.pushAsync(x.subarray(i, i + block))));
      peak.sample();
      bar.update(i);
    }
    frames.push(...(await an.finishAsync()));
    const t1 = performance.now();
    bar.done();
    const nq = codec.preset.nCodebooks;
    const syn = new StreamingSynthesizer(codec, { windowFrames: window });
    const bar2 = ctx.progress('decoding', frames.length);
    const t2 = performance.now();
    for (const [i, f] of frames.entries()) {
      const counts = f.p ? countsFromImportance(f.p, 1, nq) : new Int32Array(f.frames).fill(nq);
      await syn.pushAsync(counts, f.codes);
      peak.sample();
      bar2.update(i);
    }
    await syn.finishAsync();
    const t3 = performance.now();
    bar2.done();
    const flops = flopsPerSecond(codec.preset);
    const encS = (t1 - t0) / 1000;
    const decS = (t3 - t2) / 1000;
    const result = {
      model: model.name,
      backend,
      seconds,
      encodeRealTime: seconds / encS,
      decodeRealTime: seconds / decS,
      roundTripRealTime: seconds / (encS + decS),
      encodeGflops: ((flops.encoder + flops.importance + flops.quantizer) * seconds) / encS / 1e9,
      decodeGflops: (flops.decoder * seconds) / decS / 1e9,
      peakRssMB: peak.rss / 2 ** 20,
      peakTensorMB: peak.tensorBytes / 2 ** 20,
    };
    if (ctx.json) ctx.outJson(result);
    else
      ctx.out(
        `${model.name} on ${backend}, ${seconds} s of audio: encode ${result.encodeRealTime.toFixed(2)}× real time (${result.encodeGflops.toFixed(1)} GFLOP/s), decode ${result.decodeRealTime.toFixed(2)}× (${result.decodeGflops.toFixed(1)} GFLOP/s), both ${result.roundTripRealTime.toFixed(2)}×; peak RSS ${result.peakRssMB.toFixed(0)} MB, tensors ${result.peakTensorMB.toFixed(1)} MB`,
      );
  } finally {
    codec.dispose();
  }
  return 0;
}
