import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { flag, type OptionSpec, str } from '../args.js';
import { type EncodeResult, encodeAudio } from '../codec/encode.js';
import { chooseRate } from '../codec/rate-choice.js';
import type { CommandContext } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { openAudioInput } from '../io/audio-input.js';
import { AUDIO_EXTS, filesWithExt, isDirectory, replaceExt, stem } from '../io/paths.js';
import { type LoadedModel, loadModel } from '../model.js';
import { chooseThreads, framesFor, threadsGiven, threadsHelp, threadsOption, WorkerThreads } from '../parallel/threads.js';

export const encodeOptions: OptionSpec = {
  output: { type: 'string', short: 'o' },
  model: { type: 'string', short: 'm' },
  level: { type: 'string', short: 'l' },
  kbps: { type: 'string', short: 'k' },
  cbr: { type: 'string' },
  entropy: { type: 'boolean' },
  ...threadsOption,
};

export const encodeHelp = `vrvq encode IN [-o OUT] [--model NAME|PATH] [--level L | --kbps K | --cbr N] [--entropy] [--threads N]

Encodes audio (WAV, FLAC, Ogg Vorbis/Opus, MP3; any rate and channel count; '-' = stdin) to .vrvq.
A folder IN encodes every audio file in it into OUT (a folder, default: IN).

  -o, --output PATH   output file ('-' = stdout) or folder (default: IN with .vrvq)
  -m, --model M       model name or .safetensors file (default: the shipped model)
  -l, --level L       variable bitrate at scaling level ℓ (default 1; higher = more bits)
  -k, --kbps K        variable bitrate, ℓ chosen so this clip lands on K kbps (side info included)
      --cbr N         constant bitrate with N codebooks on every frame
      --entropy       range-code counts and codes (smaller files; falls back per chunk)
${threadsHelp(22)}
      --json          print the result as JSON

Examples:
  vrvq encode speech.wav                       # → speech.vrvq at ℓ = 1
  vrvq encode speech.wav --kbps 3 -o s3.vrvq   # about 3 kbps
  vrvq encode music.flac --cbr 4 --entropy
  vrvq encode recordings/ -o encoded/`;

export interface EncodedFile extends EncodeResult {
  input: string;
  output: string;
  duration: number;
  kbps: { total: number; payload: number; sideInfo: number; framing: number };
}

export async function encodeOne(
  ctx: CommandContext,
  model: LoadedModel,
  inPath: string,
  outPath: string,
  threads?: WorkerThreads,
): Promise<EncodedFile> {
  const v = ctx.args.values;
  const rate = chooseRate(model.codec, { level: str(v.level), kbps: str(v.kbps), cbr: str(v.cbr) });
  const input = await openAudioInput(inPath);
  const toStdout = outPath === '-';
  const file = toStdout ? null : await AtomicFile.create(outPath);
  const bar = ctx.progress(`encoding ${input.name}`, input.frames);
  try {
    const preset = model.codec.preset;
    const pool = await threads?.forJob('analysis', framesFor(preset, input.frames, input.sampleRate), input.channels);
    const result = await encodeAudio(
      input,
      model,
      async (bytes) => {
        if (file) await file.write(bytes);
        else await new Promise<void>((res, rej) => process.stdout.write(bytes, (e) => (e ? rej(e) : res())));
      },
      { rate, coding: flag(v.entropy) ? 'entropy' : 'raw', pool, onProgress: (d) => bar.update(d) },
    );
    bar.done();
    await file?.commit();
    const duration = input.frames / input.sampleRate;
    const totalBits = result.bytes * 8;
    const channels = input.channels;
    const framing = totalBits - result.payloadBits - result.sideInfoBits;
    const perSec = (bits: number) => bits / duration / 1000 / channels;
    return {
      ...result,
      input: inPath,
      output: outPath,
      duration,
      kbps: {
        total: perSec(totalBits),
        payload: perSec(result.payloadBits),
        sideInfo: perSec(result.sideInfoBits),
        framing: perSec(Math.max(0, framing)),
      },
    };
  } catch (e) {
    bar.done();
    await file?.abort();
    throw e;
  } finally {
    await input.close();
  }
}

export function describeEncoded(r: EncodedFile): string {
  const mode = r.level === null ? 'CBR' : `VBR ℓ=${r.level.toFixed(3)}`;
  const k = r.kbps;
  return `${r.input} → ${r.output}: ${r.duration.toFixed(2)} s, ${k.total.toFixed(2)} kbps per channel (payload ${k.payload.toFixed(2)} + side info ${k.sideInfo.toFixed(2)} + framing ${k.framing.toFixed(2)}), ${mode}, ${r.bytes} bytes${r.targetStatus && r.targetStatus !== 'ok' ? ` [target: ${r.targetStatus}]` : ''}`;
}

export function warnUntrained(ctx: CommandContext, model: LoadedModel): void {
  if (!model.trained) ctx.note(`warning: no trained weights for '${model.name}' were found; using an UNTRAINED random model (${model.source}) — the audio will be noise`);
}

export async function runEncode(ctx: CommandContext): Promise<number> {
  const [input, ...rest] = ctx.args.positionals;
  if (!input) throw usageError('encode needs an input file (see vrvq encode --help)');
  if (rest.length) throw usageError(`unexpected argument '${rest[0]}'`);
  const backend = await ctx.backend();
  const n = chooseThreads(str(ctx.args.values.threads), backend);
  const model = await loadModel(str(ctx.args.values.model));
  warnUntrained(ctx, model);
  const out = str(ctx.args.values.output);
  const results: EncodedFile[] = [];
  const threads = new WorkerThreads(n, backend, model, threadsGiven(str(ctx.args.values.threads)));
  try {
    if (input !== '-' && (await isDirectory(input))) {
      const files = await filesWithExt(input, AUDIO_EXTS);
      if (!files.length) throw inputError(`no audio files in ${input}`);
      const dir = out ?? input;
      await mkdir(dir, { recursive: true });
      for (const f of files) {
        const r = await encodeOne(ctx, model, f, join(dir, `${stem(f)}.vrvq`), threads);
        results.push(r);
        if (!ctx.json) ctx.note(describeEncoded(r));
      }
    } else {
      if (input === '-' && !out) throw usageError('encoding stdin needs -o OUT (or -o - for stdout)');
      const r = await encodeOne(ctx, model, input, out ?? replaceExt(input, '.vrvq'), threads);
      results.push(r);
      if (!ctx.json) (out === '-' ? ctx.note.bind(ctx) : ctx.out.bind(ctx))(describeEncoded(r));
    }
  } finally {
    await threads.close();
    model.codec.dispose();
  }
  if (ctx.json) ctx.outJson(results.map(({ counts: _c, ...r }) => r));
  return 0;
}
