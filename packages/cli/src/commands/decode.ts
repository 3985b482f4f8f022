import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { WavWriter } from '@vrvq/audio';
import type { StreamHeader } from '@vrvq/bitstream';
import { type OptionSpec, str } from '../args.js';
import { decodeStream } from '../codec/decode.js';
import type { CommandContext } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { fileChunks } from '../io/file-chunks.js';
import { filesWithExt, isDirectory, replaceExt, stem } from '../io/paths.js';
import { type LoadedModel, loadModel } from '../model.js';
import { chooseThreads, threadsGiven, threadsHelp, threadsOption, WorkerThreads } from '../parallel/threads.js';

export const decodeOptions: OptionSpec = {
  output: { type: 'string', short: 'o' },
  model: { type: 'string', short: 'm' },
  'sample-rate': { type: 'string', short: 'r' },
  format: { type: 'string', short: 'f' },
  ...threadsOption,
};

export const decodeHelp = `vrvq decode IN.vrvq [-o OUT.wav] [--sample-rate R] [--format 16|24|float] [--threads N]

Decodes a .vrvq file to WAV with its original length, sample rate and channels. A folder IN
decodes every .vrvq file in it into OUT (a folder, default: IN).

  -o, --output PATH       output WAV ('-' = stdout) or folder (default: IN with .wav)
  -m, --model M           the model used to encode (default: the shipped model)
  -r, --sample-rate R     resample the output to R Hz instead of the original rate
  -f, --format F          16 (default), 24 or float (32-bit float)
${threadsHelp(26)}

Examples:
  vrvq decode speech.vrvq                  # → speech.wav
  vrvq decode speech.vrvq -f 24 -r 48000 -o speech48k.wav`;

const FORMATS = { '16': { bitDepth: 16, float: false }, '24': { bitDepth: 24, float: false }, float: { bitDepth: 32, float: true } } as const;

/** Frames in a stream, from its original length (0 when unknown). */
function framesOf(h: StreamHeader): number {
  return h.originalLength === null ? 0 : Math.ceil(Math.round((h.originalLength * h.sampleRate) / h.originalSampleRate) / h.hop);
}

async function decodeOne(ctx: CommandContext, model: LoadedModel, inPath: string, outPath: string, threads: WorkerThreads) {
  const v = ctx.args.values;
  const fmtName = str(v.format) ?? '16';
  const fmt = FORMATS[fmtName as keyof typeof FORMATS];
  if (!fmt) throw usageError(`--format must be 16, 24 or float (got '${fmtName}')`);
  const rateText = str(v['sample-rate']);
  const sampleRate = rateText === undefined ? undefined : Number(rateText);
  if (sampleRate !== undefined && !(Number.isInteger(sampleRate) && sampleRate >= 1000 && sampleRate <= 768000)) {
    throw usageError(`--sample-rate must be a whole number of Hz from 1000 to 768000 (got '${rateText}')`);
  }
  if (inPath !== '-') {
    const st = await stat(inPath);
    if (st.size === 0) throw inputError(`${inPath} is empty (0 bytes)`);
  }
  const file = outPath === '-' ? null : await AtomicFile.create(outPath);
  let writer: WavWriter | null = null;
  let bar: ReturnType<CommandContext['progress']> | null = null;
  let totalFrames = 0;
  try {
    const res = await decodeStream(
      fileChunks(inPath),
      model,
      {
        start: async (header, outRate) => {
          const sink = file
            ? file.sink
            : { write: (b: Uint8Array) => new Promise<void>((r, j) => process.stdout.write(b, (e) => (e ? j(e) : r()))) };
          writer = await WavWriter.create(sink, { sampleRate: outRate, channels: header.channels, ...fmt });
          totalFrames = framesOf(header);
          bar = ctx.progress(`decoding ${inPath}`, totalFrames);
        },
        write: async (channels) => {
          await writer!.write(channels);
        },
      },
      {
        sampleRate,
        onProgress: (f) => bar?.update(f),
        pool: (h) => threads.forJob('synthesis', h.originalLength === null ? null : framesOf(h), h.channels),
      },
    );
    await (writer as WavWriter | null)?.close();
    (bar as ReturnType<CommandContext['progress']> | null)?.done();
    await file?.commit();
    return { input: inPath, output: outPath, frames: res.frames, samples: res.samples, sampleRate: sampleRate ?? res.header.originalSampleRate, channels: res.header.channels };
  } catch (e) {
    (bar as ReturnType<CommandContext['progress']> | null)?.done();
    await file?.abort();
    throw e;
  }
}

export async function runDecode(ctx: CommandContext): Promise<number> {
  const [input, ...rest] = ctx.args.positionals;
  if (!input) throw usageError('decode needs an input .vrvq file (see vrvq decode --help)');
  if (rest.length) throw usageError(`unexpected argument '${rest[0]}'`);
  const backend = await ctx.backend();
  const n = chooseThreads(str(ctx.args.values.threads), backend);
  const model = await loadModel(str(ctx.args.values.model));
  const out = str(ctx.args.values.output);
  const results = [];
  const threads = new WorkerThreads(n, backend, model, threadsGiven(str(ctx.args.values.threads)));
  try {
    if (input !== '-' && (await isDirectory(input))) {
      const files = await filesWithExt(input, new Set(['.vrvq']));
      if (!files.length) throw inputError(`no .vrvq files in ${input}`);
      const dir = out ?? input;
      await mkdir(dir, { recursive: true });
      for (const f of files) results.push(await decodeOne(ctx, model, f, join(dir, `${stem(f)}.wav`), threads));
    } else {
      if (input === '-' && !out) throw usageError('decoding stdin needs -o OUT (or -o - for stdout)');
      results.push(await decodeOne(ctx, model, input, out ?? replaceExt(input, '.wav'), threads));
    }
  } finally {
    await threads.close();
    model.codec.dispose();
  }
  if (ctx.json) ctx.outJson(results);
  else
    for (const r of results) {
      const line = `${r.input} → ${r.output}: ${(r.samples / r.sampleRate).toFixed(2)} s, ${r.channels} channel(s), ${r.sampleRate} Hz`;
      if (r.output === '-') ctx.note(line);
      else ctx.out(line);
    }
  return 0;
}
