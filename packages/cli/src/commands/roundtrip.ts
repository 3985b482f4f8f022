import { WavWriter } from '@vrvq/audio';
import { flag, type OptionSpec, str } from '../args.js';
import { decodeStream } from '../codec/decode.js';
import { encodeAudio } from '../codec/encode.js';
import { chooseRate } from '../codec/rate-choice.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { openAudioInput } from '../io/audio-input.js';
import { readAllAudio } from '../io/read-all.js';
import { computeMetrics } from '../metrics.js';
import { loadModel } from '../model.js';
import type { InferencePool } from '../parallel/pool.js';
import { chooseThreads, framesFor, threadsGiven, threadsHelp, threadsOption, WorkerThreads } from '../parallel/threads.js';
import { warnUntrained } from './encode.js';
import { formatMetrics } from './eval.js';

export const roundtripOptions: OptionSpec = {
  output: { type: 'string', short: 'o' },
  model: { type: 'string', short: 'm' },
  level: { type: 'string', short: 'l' },
  kbps: { type: 'string', short: 'k' },
  cbr: { type: 'string' },
  entropy: { type: 'boolean' },
  ...threadsOption,
};

export const roundtripHelp = `vrvq roundtrip IN [-o DECODED.wav] [--model M] [--level L | --kbps K | --cbr N] [--entropy] [--threads N]

Encodes and decodes IN in memory and reports the bitrate and the quality (mel distance, STFT
distance, SI-SDR) of the result; -o also writes the decoded audio.

${threadsHelp(22)}

Example:
  vrvq roundtrip examples/speech.wav --kbps 2 -o /tmp/speech-2k.wav`;

export async function runRoundtrip(ctx: CommandContext): Promise<number> {
  const [inPath, ...rest] = ctx.args.positionals;
  if (!inPath) throw usageError('roundtrip needs an input file');
  if (rest.length) throw usageError(`unexpected argument '${rest[0]}'`);
  const v = ctx.args.values;
  const backend = await ctx.backend();
  const n = chooseThreads(str(v.threads), backend);
  const model = await loadModel(str(v.model));
  const threads = new WorkerThreads(n, backend, model, threadsGiven(str(v.threads)));
  try {
    warnUntrained(ctx, model);
    const rate = chooseRate(model.codec, { level: str(v.level), kbps: str(v.kbps), cbr: str(v.cbr) });
    const input = await openAudioInput(inPath);
    const preset = model.codec.preset;
    const frames = framesFor(preset, input.frames, input.sampleRate);
    // Threads start before the clock (as the model loads before it): the speed figures are the codec's.
    let encodePool: InferencePool | null;
    let decodePool: InferencePool | null;
    try {
      encodePool = await threads.forJob('analysis', frames, input.channels);
      decodePool = await threads.forJob('synthesis', frames, input.channels);
    } catch (e) {
      await input.close();
      throw e;
    }
    const parts: Uint8Array[] = [];
    const t0 = performance.now();
    let enc: Awaited<ReturnType<typeof encodeAudio>>;
    try {
      const bar = ctx.progress('encoding', input.frames);
      enc = await encodeAudio(input, model, async (b) => void parts.push(b), {
        rate,
        coding: flag(v.entropy) ? 'entropy' : 'raw',
        pool: encodePool,
        onProgress: (d) => bar.update(d),
      });
      bar.done();
    } finally {
      await input.close();
    }
    const t1 = performance.now();
    const decoded: Float32Array[][] = [];
    let sampleRate = 0;
    await decodeStream(
      (async function* () {
        yield* parts;
      })(),
      model,
      {
        start: async (h, r) => {
          sampleRate = r;
          for (let c = 0; c < h.channels; c++) decoded.push([]);
        },
        write: async (ch) => {
          for (const [c, b] of ch.entries()) decoded[c].push(b.slice());
        },
      },
      { pool: decodePool },
    );
    const t2 = performance.now();
    const out = decoded.map((blocks) => {
      const y = new Float32Array(blocks.reduce((n, b) => n + b.length, 0));
      let o = 0;
      for (const b of blocks) {
        y.set(b, o);
        o += b.length;
      }
      return y;
    });
    const ref = await readAllAudio(inPath);
    const metrics = await computeMetrics(ref.channels, out, ref.sampleRate);
    const outPath = str(v.output);
    if (outPath) {
      const f = await AtomicFile.create(outPath);
      try {
        const w = await WavWriter.create(f.sink, { sampleRate, channels: out.length, bitDepth: 16, float: false });
        await w.write(out);
        await w.close();
        await f.commit();
      } catch (e) {
        await f.abort();
        throw e;
      }
    }
    const duration = input.frames / input.sampleRate;
    const bytes = parts.reduce((n, p) => n + p.length, 0);
    const channels = input.channels;
    const result = {
      input: inPath,
      model: model.name,
      trained: model.trained,
      backend,
      duration,
      channels,
      mode: enc.level === null ? 'cbr' : 'vbr',
      level: enc.level,
      bytes,
      kbps: {
        total: (bytes * 8) / duration / 1000 / channels,
        payload: enc.payloadBits / duration / 1000 / channels,
        sideInfo: enc.sideInfoBits / duration / 1000 / channels,
      },
      meanCodebooks: enc.counts.reduce((a, c) => a + c.reduce((x, n) => x + n, 0), 0) / (enc.frames * channels),
      threads: encodePool || decodePool ? threads.threads : 1,
      realTime: { encode: duration / ((t1 - t0) / 1000), decode: duration / ((t2 - t1) / 1000) },
      ...metrics,
      output: outPath ?? null,
    };
    if (ctx.json) ctx.outJson(result);
    else {
      const k = result.kbps;
      ctx.out(
        [
          `${inPath}: ${duration.toFixed(2)} s, ${channels} channel(s), model ${model.name}${model.trained ? '' : ' (UNTRAINED random weights)'} on ${backend}`,
          `  bitrate   ${k.total.toFixed(2)} kbps per channel (payload ${k.payload.toFixed(2)} + side info ${k.sideInfo.toFixed(2)} + framing), ${result.mode === 'vbr' ? `VBR ℓ = ${enc.level!.toFixed(3)}` : 'CBR'}, ${result.meanCodebooks.toFixed(2)} codebooks/frame`,
          `  quality   ${formatMetrics(metrics)}`,
          `  speed     encode ${result.realTime.encode.toFixed(1)}× real time, decode ${result.realTime.decode.toFixed(1)}× real time (${result.threads} thread${result.threads > 1 ? 's' : ''})`,
          ...(outPath ? [`  decoded → ${outPath}`] : []),
        ].join('\n'),
      );
    }
  } finally {
    await threads.close();
    model.codec.dispose();
  }
  return 0;
}
