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

  push(samples: Float32Array): AnalyzedFrames[] {
    if (this.finished) throw new Error('StreamingAnalyzer: push after finish');
    this.queue.push(samples);
    const out: AnalyzedFrames[] = [];
    const hop = this.codec.hop;
    while (Math.floor(this.queue.total / hop) >= this.emitted + this.window + this.context) {
      out.push(this.run(this.emitted + this.window + this.context, this.window));
    }
    return out;
  }

  finish(): AnalyzedFrames[] {
    if (this.finished) return [];
    this.finished = true;
    const hop = this.codec.hop;
    const rem = this.queue.total % hop;
    if (rem) this.queue.push(new Float32Array(hop - rem));
    const total = this.queue.total / hop;
    const out: AnalyzedFrames[] = [];
    while (this.emitted < total) {
      const end = Math.min(total, this.emitted + this.window + this.context);
      out.push(this.run(end, end === total ? total - this.emitted : this.window));
    }
    return out;
  }

  /** Runs the model on frames [emitted − context, end) and keeps `take` frames from `emitted`. */
  private run(end: number, take: number): AnalyzedFrames {
    const hop = this.codec.hop;
    const nq = this.codec.preset.nCodebooks;
    const a = Math.max(0, this.emitted - this.context);
    const x = this.queue.read(a * hop, end * hop);
    const skip = this.emitted - a;
    const { codes, p } = tf.tidy(() => {
      const input = tf.tensor3d(x, [1, x.length, 1]); // [1, N, 1]
      const r = this.codec.analyze(input);
      // codes [1, Nq, T] → frame-major [T, Nq] for the kept frames
      const c = tf.transpose(tf.slice(r.codes, [0, 0, skip], [1, nq, take]), [0, 2, 1]);
      const pp = r.p ? tf.slice(r.p, [0, skip, 0], [1, take, 1]) : null;
      return { codes: c, p: pp } as unknown as tf.TensorContainer;
    }) as unknown as { codes: tf.Tensor; p: tf.Tensor | null };
    const result: AnalyzedFrames = {
      start: this.emitted,
      frames: take,
      codes: codes.dataSync() as Int32Array,
      p: p ? (p.dataSync() as Float32Array) : null,
    };
    tf.dispose([codes, ...(p ? [p] : [])]);
    this.emitted += take;
    this.queue.dropBefore(Math.max(0, this.emitted - this.context) * hop);
    return result;
  }
}
