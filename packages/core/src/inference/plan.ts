import * as tf from '@tensorflow/tfjs-core';
import type { VrvqCodec } from '../model/codec.js';
import { SampleQueue } from './frame-buffer.js';

/**
 * Windowed inference split in two: a planner (plain JS, no tensors) decides the model calls and
 * cuts out their inputs; `analyzeWindow` / `synthesizeWindow` run one call. The streaming
 * analyzer and synthesizer are a planner plus local calls; a caller may instead hand the windows
 * to other threads (each with its own copy of the model) and put the results back in order: every
 * window carries its own receptive-field context, so the results are the same numbers.
 *
 * The plan depends only on the total input length, not on how the input was split into pushes:
 * full windows run as soon as their right context has arrived, and `finish` plans the rest.
 */

/** One model call of windowed analysis. */
export interface AnalysisWindow {
  /** Global index of the first frame the window keeps. */
  start: number;
  /** Context frames before the kept ones: the input starts at frame `start − skip`. */
  skip: number;
  /** Frames kept. */
  take: number;
  /** Model input: mono samples at the model's rate, a whole number of hops. */
  samples: Float32Array;
}

/** Frames produced by the analyzer: codes of every level and the importance map. */
export interface AnalyzedFrames {
  /** Global index of the first frame. */
  start: number;
  /** Number of frames. */
  frames: number;
  /** int32, frame-major [frames][N_q]: codes[t·N_q + k] is level k of frame t. */
  codes: Int32Array;
  /** Importance p[t] in (0, 1) per frame, or null for a model without the subnet. */
  p: Float32Array | null;
}

/** One model call of windowed synthesis. */
export interface SynthesisWindow {
  /** Global index of the first frame whose samples the window keeps. */
  start: number;
  /** Context frames before the kept ones: the input starts at frame `start − skip`. */
  skip: number;
  /** Frames whose samples are kept. */
  take: number;
  /** Levels used per input frame (1…N_q). */
  counts: Int32Array;
  /** Frame-major codes [frames][N_q] of the input frames. */
  codes: Int32Array;
}

/**
 * The window schedule both planners share: each window keeps frames [start, start + take) and is
 * computed over [a, end) with `context` frames of receptive field on each side; the last one,
 * once the input is finished, takes what is left.
 */
abstract class WindowSchedule {
  protected emitted = 0;
  protected closed = false;

  constructor(
    readonly window: number,
    readonly context: number,
  ) {
    if (!(window >= 1 && context >= 0)) throw new RangeError('window must be ≥ 1 frame and context ≥ 0');
  }

  /** Frames planned so far (the windows handed out by `next` keep frames [0, planned)). */
  get planned(): number {
    return this.emitted;
  }

  get finished(): boolean {
    return this.closed;
  }

  /** Marks the end of the input; false if already finished. */
  finish(): boolean {
    if (this.closed) return false;
    this.closed = true;
    return true;
  }

  /** The next window's frames once `available` frames are in (null until then), advancing the schedule. */
  protected span(available: number): { a: number; start: number; end: number; take: number } | null {
    let end: number;
    let take: number;
    if (!this.closed) {
      end = this.emitted + this.window + this.context;
      if (available < end) return null;
      take = this.window;
    } else {
      if (this.emitted >= available) return null;
      end = Math.min(available, this.emitted + this.window + this.context);
      take = end === available ? available - this.emitted : this.window;
    }
    const start = this.emitted;
    this.emitted += take;
    return { a: Math.max(0, start - this.context), start, end, take };
  }
}

/** Plans the model calls of windowed analysis of a mono signal (see `StreamingAnalyzer`). */
export class AnalysisPlanner extends WindowSchedule {
  private readonly queue = new SampleQueue();

  constructor(
    readonly hop: number,
    window: number,
    context: number,
  ) {
    super(window, context);
  }

  /** Adds samples at the model's rate. */
  push(samples: Float32Array): void {
    if (this.closed) throw new Error('StreamingAnalyzer: push after finish');
    this.queue.push(samples);
  }

  /** Marks the end of the input (right-pads to a hop multiple); false if already finished. */
  override finish(): boolean {
    if (!super.finish()) return false;
    const rem = this.queue.total % this.hop;
    if (rem) this.queue.push(new Float32Array(this.hop - rem));
    return true;
  }

  /** The next model call that is due, or null until more input (or `finish`) arrives. */
  next(): AnalysisWindow | null {
    const hop = this.hop;
    const s = this.span(Math.floor(this.queue.total / hop));
    if (!s) return null;
    const samples = this.queue.read(s.a * hop, s.end * hop);
    this.queue.dropBefore(Math.max(0, this.emitted - this.context) * hop);
    return { start: s.start, skip: s.start - s.a, take: s.take, samples };
  }
}

/** Plans the model calls of windowed synthesis (see `StreamingSynthesizer`). */
export class SynthesisPlanner extends WindowSchedule {
  private counts = new Int32Array(0);
  private codes = new Int32Array(0); // frame-major [frames][Nq]
  /** Global index of the first frame held. */
  private offset = 0;

  constructor(
    readonly nCodebooks: number,
    window: number,
    context: number,
  ) {
    super(window, context);
  }

  /** Adds frames: counts [T] and frame-major codes [T][N_q]. */
  push(counts: ArrayLike<number>, codes: Int32Array): void {
    if (this.closed) throw new Error('StreamingSynthesizer: push after finish');
    const nq = this.nCodebooks;
    if (codes.length !== counts.length * nq) {
      throw new RangeError(`expected ${counts.length * nq} codes for ${counts.length} frames, got ${codes.length}`);
    }
    const held = this.counts.length;
    const c = new Int32Array(held + counts.length);
    c.set(this.counts);
    for (let i = 0; i < counts.length; i++) c[held + i] = counts[i];
    const k = new Int32Array(c.length * nq);
    k.set(this.codes);
    k.set(codes, held * nq);
    this.counts = c;
    this.codes = k;
  }

  /** The next model call that is due, or null until more frames (or `finish`) arrive. */
  next(): SynthesisWindow | null {
    const s = this.span(this.offset + this.counts.length);
    if (!s) return null;
    const nq = this.nCodebooks;
    const la = s.a - this.offset;
    const frames = s.end - s.a;
    const w: SynthesisWindow = {
      start: s.start,
      skip: s.start - s.a,
      take: s.take,
      counts: this.counts.slice(la, la + frames),
      codes: this.codes.slice(la * nq, (la + frames) * nq),
    };
    const keepFrom = Math.max(0, this.emitted - this.context) - this.offset;
    if (keepFrom > 0) {
      this.counts = this.counts.slice(keepFrom);
      this.codes = this.codes.slice(keepFrom * nq);
      this.offset += keepFrom;
    }
    return w;
  }
}

/** Runs the model on an analysis window; the caller reads and disposes the tensors. */
function runAnalysis(codec: VrvqCodec, w: AnalysisWindow): { codes: tf.Tensor; p: tf.Tensor | null } {
  const input = tf.tensor3d(w.samples, [1, w.samples.length, 1]); // [1, N, 1]
  try {
    return codec.analyze(input); // codes [1, Nq, W], p [1, W, 1]
  } finally {
    input.dispose();
  }
}

/** Keeps the window's frames from codes [Nq, W] level-major and p [W]; slicing happens on the CPU. */
function keepAnalysis(codec: VrvqCodec, w: AnalysisWindow, codes: Int32Array, p: Float32Array | null): AnalyzedFrames {
  const nq = codec.preset.nCodebooks;
  const frames = codes.length / nq;
  const out = new Int32Array(w.take * nq);
  for (let t = 0; t < w.take; t++) for (let k = 0; k < nq; k++) out[t * nq + k] = codes[k * frames + w.skip + t];
  return { start: w.start, frames: w.take, codes: out, p: p ? p.slice(w.skip, w.skip + w.take) : null };
}

/** Runs one analysis window and reads its kept frames synchronously. */
export function analyzeWindow(codec: VrvqCodec, w: AnalysisWindow): AnalyzedFrames {
  const r = runAnalysis(codec, w);
  try {
    return keepAnalysis(codec, w, r.codes.dataSync() as Int32Array, r.p ? (r.p.dataSync() as Float32Array) : null);
  } finally {
    tf.dispose([r.codes, ...(r.p ? [r.p] : [])]);
  }
}

/** As `analyzeWindow`, reading with `await data()` (required on WebGPU in Node). */
export async function analyzeWindowAsync(codec: VrvqCodec, w: AnalysisWindow): Promise<AnalyzedFrames> {
  const r = runAnalysis(codec, w);
  try {
    const [codes, p] = await Promise.all([r.codes.data(), r.p ? r.p.data() : Promise.resolve(null)]);
    return keepAnalysis(codec, w, codes as Int32Array, p as Float32Array | null);
  } finally {
    tf.dispose([r.codes, ...(r.p ? [r.p] : [])]);
  }
}

/** Decodes a synthesis window's frames; the caller reads and disposes the audio [1, T·hop, 1]. */
function runSynthesis(codec: VrvqCodec, w: SynthesisWindow): tf.Tensor {
  const nq = codec.preset.nCodebooks;
  const frames = w.counts.length;
  if (w.codes.length !== frames * nq || w.skip + w.take > frames) {
    throw new RangeError(`synthesis window: ${frames} frames with ${w.codes.length} codes cannot keep [${w.skip}, ${w.skip + w.take})`);
  }
  return tf.tidy(() => {
    const c = tf.transpose(tf.tensor3d(w.codes, [1, frames, nq], 'int32'), [0, 2, 1]) as tf.Tensor3D; // [1, Nq, T]
    const n = tf.tensor2d(w.counts, [1, frames], 'int32'); // [1, T]
    return codec.decodeCodes(c, n); // [1, T·hop, 1]
  });
}

/** Runs one synthesis window and returns its kept samples (read synchronously). */
export function synthesizeWindow(codec: VrvqCodec, w: SynthesisWindow): Float32Array {
  const audio = runSynthesis(codec, w);
  try {
    return (audio.dataSync() as Float32Array).slice(w.skip * codec.hop, (w.skip + w.take) * codec.hop);
  } finally {
    audio.dispose();
  }
}

/** As `synthesizeWindow`, reading with `await data()`. */
export async function synthesizeWindowAsync(codec: VrvqCodec, w: SynthesisWindow): Promise<Float32Array> {
  const audio = runSynthesis(codec, w);
  try {
    return ((await audio.data()) as Float32Array).slice(w.skip * codec.hop, (w.skip + w.take) * codec.hop);
  } finally {
    audio.dispose();
  }
}
