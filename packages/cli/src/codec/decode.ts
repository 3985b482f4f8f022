import { Resampler } from '@vrvq/audio';
import { type StreamHeader, VrvqReader } from '@vrvq/bitstream';
import { hopLength } from '@vrvq/core';
import { inputError } from '../errors.js';
import { hashBytes, type LoadedModel } from '../model.js';
import type { InferencePool } from '../parallel/pool.js';
import { createSynthesizer, type FrameSynthesizer } from '../parallel/streams.js';

export interface DecodeSink {
  /** Called once with the header, before any audio. */
  start(header: StreamHeader, outRate: number): Promise<void>;
  /** Audio blocks, one Float32Array per channel, at the output rate; total = original length. */
  write(channels: Float32Array[]): Promise<void>;
}

/** Checks that a stream was made by `model` (name, weights hash and shapes). */
export function checkStreamModel(header: StreamHeader, model: LoadedModel): void {
  const p = model.codec.preset;
  const want = hashBytes(model.hash);
  const same = header.weightsHash.length === want.length && header.weightsHash.every((b, i) => b === want[i]);
  if (header.modelName !== model.name || !same) {
    const hex = Array.from(header.weightsHash.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
    throw inputError(
      `this file was made by model '${header.modelName}' (weights ${hex}…), not by '${model.name}' (${model.source}); pass the same --model used to encode`,
    );
  }
  if (header.sampleRate !== p.sampleRate || header.hop !== hopLength(p) || header.nq !== p.nCodebooks || header.codebookSize !== p.codebookSize) {
    throw inputError('the file header does not match the model shapes (sample rate, hop, codebooks)');
  }
}

export interface DecodeOptions {
  /** Output rate (default: the original rate in the header). */
  sampleRate?: number;
  windowFrames?: number;
  /**
   * Run the model on these worker threads (same samples out as without), or a function that picks
   * them (or null) once the header is known.
   */
  pool?: InferencePool | null | ((header: StreamHeader) => Promise<InferencePool | null>);
  /** Frames decoded so far. */
  onProgress?: (frames: number) => void;
}

/**
 * Decodes `.vrvq` bytes (any pieces) to audio with bounded memory: reader → per-channel
 * streaming synthesizer (on this thread or on `opts.pool`'s worker threads) → resampler back to
 * the original (or requested) rate → exact length.
 */
export async function decodeStream(
  source: AsyncIterable<Uint8Array>,
  model: LoadedModel,
  sink: DecodeSink,
  opts: DecodeOptions = {},
): Promise<{ header: StreamHeader; frames: number; samples: number }> {
  const reader = new VrvqReader();
  const codec = model.codec;
  const nq = codec.preset.nCodebooks;
  let header: StreamHeader | null = null;
  let synths: FrameSynthesizer[] = [];
  let aligned = new ChannelAligner(0);
  let resamplers: Array<Resampler | null> = [];
  let outRate = 0;
  let written = 0;
  let limit = Number.POSITIVE_INFINITY;
  let frames = 0;
  let ended = false;

  let synthesized = 0; // samples at the model's rate, per channel
  const emit = async (perChannel: Float32Array[]) => {
    for (const [c, b] of perChannel.entries()) aligned.add(c, b);
    const blocks = aligned.take(); // channels may finish windows at different times on worker threads
    if (!blocks) return;
    synthesized += blocks[0].length;
    const converted = blocks.map((b, c) => (resamplers[c] ? resamplers[c]!.process(b) : b));
    const n = Math.min(converted[0].length, limit - written);
    if (n <= 0) return;
    await sink.write(converted.map((b) => b.subarray(0, n)));
    written += n;
  };

  const handle = async (events: ReturnType<VrvqReader['push']>) => {
    for (const ev of events) {
      if (ev.type === 'header') {
        header = ev.header;
        checkStreamModel(header, model);
        outRate = opts.sampleRate ?? header.originalSampleRate;
        const pool = typeof opts.pool === 'function' ? await opts.pool(header) : opts.pool;
        synths = Array.from({ length: header.channels }, () => createSynthesizer(codec, { windowFrames: opts.windowFrames, pool }));
        aligned = new ChannelAligner(header.channels);
        resamplers = synths.map(() => (outRate === header!.sampleRate ? null : new Resampler(header!.sampleRate, outRate)));
        if (header.originalLength !== null) limit = outputLength(header.originalLength, header.originalSampleRate, outRate);
        await sink.start(header, outRate);
      } else if (ev.type === 'chunk') {
        const out: Float32Array[] = [];
        for (let c = 0; c < ev.chunk.channels.length; c++) {
          const { counts, codes } = ev.chunk.channels[c];
          const dense = new Int32Array(counts.length * nq);
          let o = 0;
          for (let t = 0; t < counts.length; t++) for (let k = 0; k < counts[t]; k++) dense[t * nq + k] = codes[o++];
          out.push(await synths[c].push(counts, dense));
        }
        frames += ev.chunk.frames;
        await emit(out);
        opts.onProgress?.(Math.min(frames, Math.floor(synthesized / codec.hop)));
      } else {
        ended = true;
        if (ev.originalLength !== null && header) limit = outputLength(ev.originalLength, header.originalSampleRate, outRate);
      }
    }
  };

  for await (const bytes of source) await handle(reader.push(bytes));
  reader.end();
  if (!header) throw inputError('the input is not a .vrvq stream (no header)');
  if (!ended) throw inputError('the .vrvq stream is truncated (no end marker)');
  // The last windows: each channel's blocks go out as they are done (on worker threads, the
  // resampling and writing of one block overlap with the model computing the next).
  let queue = Promise.resolve();
  const none = () => synths.map(() => new Float32Array(0));
  await Promise.all(
    synths.map((s, c) =>
      s.finish((block) => {
        queue = queue.then(async () => {
          await emit(none().map((e, i) => (i === c ? block : e)));
          opts.onProgress?.(Math.min(frames, Math.floor(synthesized / codec.hop)));
        });
        return queue;
      }),
    ),
  );
  await queue;
  opts.onProgress?.(frames);
  const tails = resamplers.map((r) => (r ? r.flush() : new Float32Array(0)));
  if (tails[0].length) {
    const n = Math.min(tails[0].length, limit - written);
    if (n > 0) {
      await sink.write(tails.map((t) => t.subarray(0, n)));
      written += n;
    }
  }
  if (Number.isFinite(limit) && written < limit) {
    await sink.write(synths.map(() => new Float32Array(limit - written))); // the model's few missing end samples
    written = limit;
  }
  return { header: header as StreamHeader, frames, samples: written };
}

/** Output samples for an original length at another rate: round(len · out / orig). */
export function outputLength(originalLength: number, originalRate: number, outRate: number): number {
  return outRate === originalRate ? originalLength : Math.round((originalLength * outRate) / originalRate);
}

/** Gathers per-channel sample blocks of unequal lengths and hands out what every channel has. */
export class ChannelAligner {
  private readonly held: Float32Array[][];

  constructor(channels: number) {
    this.held = Array.from({ length: channels }, () => []);
  }

  add(c: number, block: Float32Array): void {
    if (block.length) this.held[c].push(block);
  }

  /** The samples every channel has (equal lengths, one block per channel), or null if none. */
  take(): Float32Array[] | null {
    const lengths = this.held.map((blocks) => blocks.reduce((a, b) => a + b.length, 0));
    const n = Math.min(...lengths);
    if (!(n > 0)) return null;
    return this.held.map((blocks) => {
      const out = new Float32Array(n);
      let o = 0;
      while (o < n) {
        const b = blocks[0];
        const k = Math.min(b.length, n - o);
        out.set(b.subarray(0, k), o);
        o += k;
        if (k === b.length) blocks.shift();
        else blocks[0] = b.subarray(k);
      }
      return out;
    });
  }
}
