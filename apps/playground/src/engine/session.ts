import { encodeWav, siSdr } from '@vrvq/audio';
import type { Coding, HeaderInput, StreamHeader } from '@vrvq/bitstream';
import { type VrvqCodec, hopLength } from '@vrvq/core';
import type { RateConfig } from '@vrvq/rvq';
import { melDistance, DAC_MEL_SCALES } from '../dsp/mel-distance.js';
import { PlaygroundError } from '../errors.js';
import { type ChannelAnalysis, analyzeSignal } from './analysis.js';
import { type AudioSource, prepareAudio, toOriginalRate } from './audio-prep.js';
import { type CancelToken, type ProgressFn, yieldToEvents } from './cancel.js';
import { synthesizeChannel } from './synthesis.js';
import { type ModelIdentity, readVrvq, writeVrvq } from './vrvq-file.js';

export interface EncodeOutcome {
  frames: number;
  /** Importance per frame (null without the subnet). */
  p: Float32Array | null;
  /** The reference: the input, mono at the model rate (what metrics compare against). */
  reference: Float32Array;
  originalSampleRate: number;
  originalLength: number;
  originalChannels: number;
  /** Milliseconds of model analysis (decoding the file and resampling not included). */
  encodeMs: number;
}

export interface DecodeOutcome {
  /** Per channel, model rate, the source's length. */
  audio: Float32Array[];
  decodeMs: number;
}

export interface OpenOutcome {
  header: StreamHeader;
  /** Counts per channel. */
  counts: Uint8Array[];
  frames: number;
}

export interface Metrics {
  /** DAC's 7-scale log-mel L1 distance (plain JS), lower is better. */
  melDistance: number;
  /** SI-SDR in dB, higher is better. */
  siSdr: number;
}

/**
 * One loaded model and the audio it works on: the cached analysis (codes of every level and the
 * importance map), so any bitrate is a re-mask plus a decode, never a re-encode. Holds no tensors
 * between calls. Runs in the Web Worker; plain enough to test in Node.
 */
export class PlaygroundSession {
  private analysis: ChannelAnalysis[] | null = null;
  private reference: Float32Array | null = null;
  private decoded: Float32Array[] | null = null;
  /** Samples per channel at the model rate of the current source. */
  private length = 0;
  private original = { sampleRate: 0, length: 0 };

  constructor(
    readonly codec: VrvqCodec,
    readonly model: { name: string; hash: string },
  ) {}

  get identity(): ModelIdentity {
    const p = this.codec.preset;
    return { name: this.model.name, hash: this.model.hash, sampleRate: p.sampleRate, hop: hopLength(p), nq: p.nCodebooks, codebookSize: p.codebookSize };
  }

  get rateConfig(): RateConfig {
    const p = this.codec.preset;
    return { nCodebooks: p.nCodebooks, codebookSize: p.codebookSize, sampleRate: p.sampleRate, hop: hopLength(p) };
  }

  /** Decodes/resamples the input, then runs the encoder once and caches its output. */
  async encode(source: AudioSource, token: CancelToken, onProgress?: ProgressFn): Promise<EncodeOutcome> {
    const prepared = await prepareAudio(source, this.codec.preset.sampleRate);
    token.throwIfCancelled();
    const t0 = performance.now();
    const a = await analyzeSignal(this.codec, prepared.signal, { token, onProgress });
    const encodeMs = performance.now() - t0;
    this.analysis = [a];
    this.reference = prepared.signal;
    this.decoded = null;
    this.length = prepared.signal.length;
    this.original = { sampleRate: prepared.originalSampleRate, length: prepared.originalLength };
    return {
      frames: a.frames,
      p: a.p,
      reference: prepared.signal,
      originalSampleRate: prepared.originalSampleRate,
      originalLength: prepared.originalLength,
      originalChannels: prepared.originalChannels,
      encodeMs,
    };
  }

  /** Decodes the cached codes with `counts` (one array per channel, 1…N_q per frame). */
  async decode(counts: Uint8Array[], token: CancelToken, onProgress?: ProgressFn): Promise<DecodeOutcome> {
    const analysis = this.requireAnalysis();
    this.checkCounts(counts, analysis);
    const t0 = performance.now();
    const audio: Float32Array[] = [];
    for (let c = 0; c < analysis.length; c++) {
      const progress: ProgressFn | undefined = onProgress && ((d, t) => onProgress(c * t + d, analysis.length * t));
      const y = await synthesizeChannel(this.codec, analysis[c].codes, counts[c], { token, onProgress: progress });
      audio.push(y.length === this.length ? y : fitLength(y, this.length));
    }
    this.decoded = audio;
    return { audio, decodeMs: performance.now() - t0 };
  }

  /** Mel distance and SI-SDR of the last decode against the reference (null for an opened file). */
  async metrics(token: CancelToken, onProgress?: ProgressFn): Promise<Metrics | null> {
    if (!this.reference || !this.decoded) return null;
    const ref = this.reference;
    const est = this.decoded[0];
    const sr = this.codec.preset.sampleRate;
    let mel = 0;
    for (let i = 0; i < DAC_MEL_SCALES.length; i++) {
      await yieldToEvents();
      token.throwIfCancelled();
      mel += melDistance(ref, est, sr, { scales: [DAC_MEL_SCALES[i]] });
      onProgress?.(i + 1, DAC_MEL_SCALES.length + 1);
    }
    const sdr = siSdr(est, ref);
    onProgress?.(DAC_MEL_SCALES.length + 1, DAC_MEL_SCALES.length + 1);
    return { melDistance: mel, siSdr: sdr };
  }

  /** The cached codes with `counts` as a .vrvq file (what `vrvq decode` reads). */
  exportVrvq(counts: Uint8Array[], rate: HeaderInput['rate'], coding: Coding): Uint8Array {
    const analysis = this.requireAnalysis();
    this.checkCounts(counts, analysis);
    return writeVrvq(
      this.identity,
      analysis.map((a, c) => ({ codes: a.codes, counts: counts[c] })),
      { rate, coding, originalSampleRate: this.original.sampleRate, originalLength: this.original.length },
    );
  }

  /** The last decode as a 16-bit WAV at the original rate and length (as `vrvq decode` writes it). */
  exportWav(): Uint8Array {
    if (!this.decoded) throw new PlaygroundError('NO_SESSION', 'Nothing has been decoded yet.');
    const sr = this.codec.preset.sampleRate;
    const channels = this.decoded.map((x) => toOriginalRate(x, sr, this.original.sampleRate, this.original.length));
    return encodeWav({ sampleRate: this.original.sampleRate, channels });
  }

  /** Reads a .vrvq file made by this model; its codes replace the cached analysis (no importance map). */
  openVrvq(bytes: Uint8Array): OpenOutcome {
    const file = readVrvq(bytes, this.identity);
    const h = file.header;
    const hop = this.identity.hop;
    const sr = this.identity.sampleRate;
    const length =
      h.originalLength === null ? file.frames * hop : Math.min(file.frames * hop, Math.round((h.originalLength * sr) / h.originalSampleRate));
    this.analysis = file.channels.map((c) => ({ frames: file.frames, codes: c.codes, p: null, maxCounts: c.counts }));
    this.reference = null;
    this.decoded = null;
    this.length = length;
    this.original = { sampleRate: h.originalSampleRate, length: h.originalLength ?? Math.round((length * h.originalSampleRate) / sr) };
    return { header: h, counts: file.channels.map((c) => c.counts), frames: file.frames };
  }

  private requireAnalysis(): ChannelAnalysis[] {
    if (!this.analysis) throw new PlaygroundError('NO_SESSION', 'Encode some audio or open a .vrvq file first.');
    return this.analysis;
  }

  private checkCounts(counts: Uint8Array[], analysis: ChannelAnalysis[]): void {
    const nq = this.codec.preset.nCodebooks;
    if (counts.length !== analysis.length) {
      throw new PlaygroundError('BAD_INPUT', `expected counts for ${analysis.length} channel(s), got ${counts.length}`);
    }
    counts.forEach((c, i) => {
      if (c.length !== analysis[i].frames) throw new PlaygroundError('BAD_INPUT', `expected ${analysis[i].frames} counts, got ${c.length}`);
      const max = analysis[i].maxCounts;
      for (let t = 0; t < c.length; t++) {
        const n = c[t];
        if (n < 1 || n > nq) throw new PlaygroundError('BAD_INPUT', `codebook counts must be 1…${nq}, got ${n}`);
        if (max && n > max[t]) throw new PlaygroundError('BAD_INPUT', `frame ${t}: the file holds ${max[t]} codebooks, asked for ${n}`);
      }
    });
  }
}

function fitLength(y: Float32Array, n: number): Float32Array {
  if (y.length >= n) return y.subarray(0, n);
  const out = new Float32Array(n);
  out.set(y);
  return out;
}
