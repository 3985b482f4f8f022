import { Resampler } from '@vrvq/audio';
import { type ChannelFrames, type Coding, type HeaderInput, TLV_TAGS, VrvqWriter } from '@vrvq/bitstream';
import { type AnalyzedFrames, hopLength } from '@vrvq/core';
import { clipBits, countsFromImportance, levelForTargetKbps } from '@vrvq/rvq';
import type { AudioInput } from '../io/audio-input.js';
import { hashBytes, type LoadedModel } from '../model.js';
import type { InferencePool } from '../parallel/pool.js';
import { createAnalyzer } from '../parallel/streams.js';
import type { RateChoice } from './rate-choice.js';

export const CLI_VERSION = '0.1.0';

export interface EncodeOptions {
  rate: RateChoice;
  coding: Coding;
  windowFrames?: number;
  /** Run the model on these worker threads (same bytes out as without). */
  pool?: InferencePool | null;
  /** Input frames analysed so far (at the input rate). */
  onProgress?: (done: number, total: number) => void;
}

export interface EncodeResult {
  frames: number;
  bytes: number;
  /** ℓ used (VBR), or null (CBR). */
  level: number | null;
  /** For --kbps: whether the request was met ('ok') or the nearest rate was used. */
  targetStatus?: string;
  /** Counts of every channel (for statistics). */
  counts: Uint8Array[];
  payloadBits: number;
  sideInfoBits: number;
}

/** Turns analysed frames into what the bitstream carries: counts and ragged codes. */
export function framesToChannel(frames: AnalyzedFrames, counts: ArrayLike<number>, nq: number): ChannelFrames {
  let total = 0;
  for (let t = 0; t < frames.frames; t++) total += counts[t];
  const codes = new Int32Array(total);
  let o = 0;
  for (let t = 0; t < frames.frames; t++) {
    for (let k = 0; k < counts[t]; k++) codes[o++] = frames.codes[t * nq + k];
  }
  return { counts: Uint8Array.from(counts), codes };
}

/**
 * Encodes an audio input to `.vrvq` bytes handed to `emit` as they are produced. Each channel runs
 * through its own resampler and streaming analyzer (on this thread, or on `opts.pool`'s worker
 * threads: the same windows, so the same bytes); memory stays bounded except in --kbps mode, which
 * keeps the codes (N_q int32 per frame) until the level is known.
 */
export async function encodeAudio(
  input: AudioInput,
  model: LoadedModel,
  emit: (bytes: Uint8Array) => Promise<void>,
  opts: EncodeOptions,
): Promise<EncodeResult> {
  const codec = model.codec;
  const preset = codec.preset;
  const nq = preset.nCodebooks;
  const rateCfg = { nCodebooks: nq, codebookSize: preset.codebookSize, sampleRate: preset.sampleRate, hop: hopLength(preset) };
  const resamplers = Array.from({ length: input.channels }, () =>
    input.sampleRate === preset.sampleRate ? null : new Resampler(input.sampleRate, preset.sampleRate),
  );
  const analyzers = Array.from({ length: input.channels }, () => createAnalyzer(codec, { windowFrames: opts.windowFrames, pool: opts.pool }));
  const pending: AnalyzedFrames[][] = analyzers.map(() => []);
  const kept: AnalyzedFrames[][] = analyzers.map(() => []); // --kbps only
  const allCounts = analyzers.map(() => new ByteList()); // one byte per frame, for statistics

  let writer: VrvqWriter | null = null;
  let level: number | null = opts.rate.kind === 'level' ? opts.rate.level : null;
  let bytes = 0;
  const header = (): HeaderInput => ({
    modelName: model.name,
    weightsHash: hashBytes(model.hash),
    sampleRate: preset.sampleRate,
    hop: rateCfg.hop,
    nq,
    codebookSize: preset.codebookSize,
    channels: input.channels,
    originalSampleRate: input.sampleRate,
    originalLength: input.frames,
    rate: opts.rate.kind === 'cbr' ? { mode: 'cbr', n: opts.rate.n } : { mode: 'vbr', level: level! },
    metadata: [{ tag: TLV_TAGS.encoder, value: new TextEncoder().encode(`vrvq-cli ${CLI_VERSION}`) }],
  });
  const countsFor = (f: AnalyzedFrames): ArrayLike<number> => {
    if (opts.rate.kind === 'cbr') return new Int32Array(f.frames).fill(opts.rate.n);
    return countsFromImportance(f.p!, level!, nq);
  };
  const out = async (b: Uint8Array) => {
    bytes += b.length;
    await emit(b);
  };
  /** Writes the frames every channel has produced (they advance in lockstep). */
  const flush = async () => {
    const ready = Math.min(...pending.map((q) => q.length));
    for (let i = 0; i < ready; i++) {
      const perChannel = pending.map((q) => q[i]);
      const channels = perChannel.map((f, c) => {
        const counts = countsFor(f);
        allCounts[c].append(counts);
        return framesToChannel(f, counts, nq);
      });
      if (!writer) {
        writer = new VrvqWriter(header(), { coding: opts.coding });
      }
      await out(writer.writeFrames(channels));
    }
    for (const q of pending) q.splice(0, ready);
  };
  const analysed = analyzers.map(() => 0); // frames per channel
  const accept = async (c: number, frames: AnalyzedFrames[]) => {
    for (const f of frames) analysed[c] += f.frames;
    if (opts.rate.kind === 'kbps') kept[c].push(...frames);
    else pending[c].push(...frames);
  };
  /** Input frames whose model frames every channel has (the frames lag the input by up to a window or two). */
  const progress = (read: number) => {
    const frames = Math.min(...analysed);
    const done = Math.min(read, Math.floor((frames * rateCfg.hop * input.sampleRate) / preset.sampleRate));
    opts.onProgress?.(done, input.frames);
  };

  let done = 0;
  for await (const block of input.blocks(16384)) {
    for (let c = 0; c < input.channels; c++) {
      const r = resamplers[c];
      await accept(c, await analyzers[c].push(r ? r.process(block[c]) : block[c]));
    }
    done += block[0].length;
    if (opts.rate.kind !== 'kbps') await flush();
    progress(done);
  }
  // Every channel's last windows at once, so worker threads are not left idle between channels.
  const tails = await Promise.all(
    analyzers.map(async (an, c) => {
      const r = resamplers[c];
      const flushed = r ? await an.push(r.flush()) : [];
      return [...flushed, ...(await an.finish())];
    }),
  );
  for (const [c, frames] of tails.entries()) await accept(c, frames);
  progress(input.frames);
  let targetStatus: string | undefined;
  if (opts.rate.kind === 'kbps') {
    const p = kept.flatMap((frames) => frames.flatMap((f) => Array.from(f.p!)));
    const target = levelForTargetKbps(p, opts.rate.kbps, rateCfg);
    level = target.level;
    targetStatus = target.status;
    for (let c = 0; c < input.channels; c++) pending[c].push(...kept[c]);
  }
  await flush();
  if (!writer) writer = new VrvqWriter(header(), { coding: opts.coding });
  await out((writer as VrvqWriter).finish());
  const counts = allCounts.map((c) => c.bytes());
  const frames = counts[0].length;
  const bits = counts.map((c) => clipBits(c, rateCfg, opts.rate.kind === 'cbr' ? 'cbr' : 'vbr'));
  const payloadBits = bits.reduce((a, b) => a + b.payload, 0);
  const sideInfoBits = bits.reduce((a, b) => a + b.sideInfo, 0);
  return { frames, bytes, level, targetStatus, counts, payloadBits, sideInfoBits };
}

/** A growable byte array (amortised doubling), so per-frame statistics cost one byte per frame. */
class ByteList {
  private buf = new Uint8Array(4096);
  private n = 0;

  append(values: ArrayLike<number>): void {
    if (this.n + values.length > this.buf.length) {
      const next = new Uint8Array(Math.max(2 * this.buf.length, this.n + values.length));
      next.set(this.buf.subarray(0, this.n));
      this.buf = next;
    }
    for (let i = 0; i < values.length; i++) this.buf[this.n + i] = values[i];
    this.n += values.length;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}
