import * as tf from '@tensorflow/tfjs-core';
import type { VrvqCodec } from '../model/codec.js';
import { contextFrames } from './context.js';
import { SampleQueue } from './frame-buffer.js';
import { defaultWindowFrames } from './window.js';

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

export interface WindowOptions {
  /** Frames produced per model call (default `defaultWindowFrames`: 256…1024 by model size). */
  windowFrames?: number;
  /** Context frames each side (default: the model's receptive field, see `contextFrames`). */
  contextFrames?: number;
}

/**
 * Encodes a mono signal at the model's rate in windows, with enough context on both sides that
 * the result equals analysing the whole signal at once, and memory bounded by one window.
 * Push samples as they arrive; `finish()` right-pads the end to a multiple of the hop (as the
 * whole-signal path does) and returns the last frames.
 */
export class StreamingAnalyzer {
  private readonly queue = new SampleQueue();
  private emitted = 0;
  private finished = false;
  readonly window: number;
  readonly context: number;

  constructor(
    private readonly codec: VrvqCodec,
    opts: WindowOptions = {},
  ) {
    this.window = opts.windowFrames ?? defaultWindowFrames(codec.preset, 'analysis');
    this.context = opts.contextFrames ?? contextFrames(codec.preset).analysis;
    if (!(this.window >= 1 && this.context >= 0)) throw new RangeError('window must be ≥ 1 frame and context ≥ 0');
  }

  /** Frames emitted so far. */
  get framesEmitted(): number {
    return this.emitted;
  }

  /** Adds samples; returns the frames that became final (reads results synchronously). */
  push(samples: Float32Array): AnalyzedFrames[] {
    this.accept(samples);
    const out: AnalyzedFrames[] = [];
    for (const [end, take] of this.windows()) out.push(this.read(this.run(end, take), take, false) as AnalyzedFrames);
    return out;
  }

  /** As `push`, reading results with `await data()`: required on WebGPU in Node, kinder everywhere. */
  async pushAsync(samples: Float32Array): Promise<AnalyzedFrames[]> {
    this.accept(samples);
    const out: AnalyzedFrames[] = [];
    for (const [end, take] of this.windows()) out.push(await this.read(this.run(end, take), take, true));
    return out;
  }

  /** Pads the end to a multiple of the hop and returns the remaining frames. */
  finish(): AnalyzedFrames[] {
    if (!this.close()) return [];
    const out: AnalyzedFrames[] = [];
    for (const [end, take] of this.windows()) out.push(this.read(this.run(end, take), take, false) as AnalyzedFrames);
    return out;
  }

  /** As `finish`, reading results asynchronously. */
  async finishAsync(): Promise<AnalyzedFrames[]> {
    if (!this.close()) return [];
    const out: AnalyzedFrames[] = [];
    for (const [end, take] of this.windows()) out.push(await this.read(this.run(end, take), take, true));
    return out;
  }

  private accept(samples: Float32Array): void {
    if (this.finished) throw new Error('StreamingAnalyzer: push after finish');
    this.queue.push(samples);
  }

  /** Marks the end of the input (right-pads to a hop multiple); false if already closed. */
  private close(): boolean {
    if (this.finished) return false;
    this.finished = true;
    const hop = this.codec.hop;
    const rem = this.queue.total % hop;
    if (rem) this.queue.push(new Float32Array(hop - rem));
    return true;
  }

  /** The model calls that are due, as [end frame, frames to keep]; re-evaluated after each call. */
  private *windows(): Generator<[number, number]> {
    const hop = this.codec.hop;
    if (!this.finished) {
      while (Math.floor(this.queue.total / hop) >= this.emitted + this.window + this.context) {
        yield [this.emitted + this.window + this.context, this.window];
      }
      return;
    }
    const total = this.queue.total / hop;
    while (this.emitted < total) {
      const end = Math.min(total, this.emitted + this.window + this.context);
      yield [end, end === total ? total - this.emitted : this.window];
    }
  }

  /**
   * Runs the model on frames [emitted − context, end) and advances past `take` frames. Returns the
   * whole window's tensors (codes [1, Nq, W], p [1, W, 1]) and where the kept frames start in it;
   * slicing happens on the CPU after the read (GPU-side slices of disposed parents misread on WebGPU).
   */
  private run(end: number, take: number): { codes: tf.Tensor; p: tf.Tensor | null; skip: number; start: number } {
    const hop = this.codec.hop;
    const a = Math.max(0, this.emitted - this.context);
    const x = this.queue.read(a * hop, end * hop);
    const input = tf.tensor3d(x, [1, x.length, 1]); // [1, N, 1]
    const r = this.codec.analyze(input);
    input.dispose();
    const start = this.emitted;
    this.emitted += take;
    this.queue.dropBefore(Math.max(0, this.emitted - this.context) * hop);
    return { codes: r.codes, p: r.p, skip: start - a, start };
  }

  /** Reads a window's results and keeps `take` frames, frame-major. */
  private read(
    w: { codes: tf.Tensor; p: tf.Tensor | null; skip: number; start: number },
    take: number,
    async: boolean,
  ): AnalyzedFrames | Promise<AnalyzedFrames> {
    const nq = this.codec.preset.nCodebooks;
    const build = (codes: Int32Array, p: Float32Array | null): AnalyzedFrames => {
      tf.dispose([w.codes, ...(w.p ? [w.p] : [])]);
      const frames = codes.length / nq; // window length W; codes are [Nq, W] level-major
      const out = new Int32Array(take * nq);
      for (let t = 0; t < take; t++) for (let k = 0; k < nq; k++) out[t * nq + k] = codes[k * frames + w.skip + t];
      return { start: w.start, frames: take, codes: out, p: p ? p.slice(w.skip, w.skip + take) : null };
    };
    if (!async) return build(w.codes.dataSync() as Int32Array, w.p ? (w.p.dataSync() as Float32Array) : null);
    return Promise.all([w.codes.data(), w.p ? w.p.data() : Promise.resolve(null)]).then(([c, p]) =>
      build(c as Int32Array, p as Float32Array | null),
    );
  }
}
