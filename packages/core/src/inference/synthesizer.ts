import * as tf from '@tensorflow/tfjs-core';
import type { VrvqCodec } from '../model/codec.js';
import type { WindowOptions } from './analyzer.js';
import { contextFrames } from './context.js';
import { defaultWindowFrames } from './window.js';

/**
 * Decodes frames (counts + codes) to a mono signal at the model's rate in windows, with enough
 * context that the result equals decoding all frames at once; memory bounded by one window.
 */
export class StreamingSynthesizer {
  private counts = new Int32Array(0);
  private codes = new Int32Array(0); // frame-major [frames][Nq]
  /** Global index of the first frame held. */
  private offset = 0;
  private emitted = 0;
  private finished = false;
  readonly window: number;
  readonly context: number;

  constructor(
    private readonly codec: VrvqCodec,
    opts: WindowOptions = {},
  ) {
    this.window = opts.windowFrames ?? defaultWindowFrames(codec.preset, 'synthesis');
    this.context = opts.contextFrames ?? contextFrames(codec.preset).synthesis;
  }

  /**
   * Adds frames: counts [T] (levels used per frame, 1…N_q) and frame-major codes [T][N_q] (entries
   * at levels ≥ count are ignored). Returns the samples that are final (read synchronously).
   */
  push(counts: ArrayLike<number>, codes: Int32Array): Float32Array {
    this.accept(counts, codes);
    const parts: Float32Array[] = [];
    for (const [end, take] of this.windows()) parts.push(this.read(this.run(end, take), false) as Float32Array);
    return concat(parts);
  }

  /** As `push`, reading results with `await data()`: required on WebGPU in Node, kinder everywhere. */
  async pushAsync(counts: ArrayLike<number>, codes: Int32Array): Promise<Float32Array> {
    this.accept(counts, codes);
    const parts: Float32Array[] = [];
    for (const [end, take] of this.windows()) parts.push(await this.read(this.run(end, take), true));
    return concat(parts);
  }

  /** Decodes the remaining frames. */
  finish(): Float32Array {
    if (this.finished) return new Float32Array(0);
    this.finished = true;
    const parts: Float32Array[] = [];
    for (const [end, take] of this.windows()) parts.push(this.read(this.run(end, take), false) as Float32Array);
    return concat(parts);
  }

  /** As `finish`, reading results asynchronously. */
  async finishAsync(): Promise<Float32Array> {
    if (this.finished) return new Float32Array(0);
    this.finished = true;
    const parts: Float32Array[] = [];
    for (const [end, take] of this.windows()) parts.push(await this.read(this.run(end, take), true));
    return concat(parts);
  }

  private accept(counts: ArrayLike<number>, codes: Int32Array): void {
    if (this.finished) throw new Error('StreamingSynthesizer: push after finish');
    const nq = this.codec.preset.nCodebooks;
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

  /** The model calls that are due, as [end frame, frames to keep]; re-evaluated after each call. */
  private *windows(): Generator<[number, number]> {
    if (!this.finished) {
      while (this.offset + this.counts.length >= this.emitted + this.window + this.context) {
        yield [this.emitted + this.window + this.context, this.window];
      }
      return;
    }
    const total = this.offset + this.counts.length;
    while (this.emitted < total) {
      const end = Math.min(total, this.emitted + this.window + this.context);
      yield [end, end === total ? total - this.emitted : this.window];
    }
  }

  /** Decodes frames [emitted − context, end) and advances past `take`; slicing happens after the read. */
  private run(end: number, take: number): { audio: tf.Tensor; from: number; to: number } {
    const hop = this.codec.hop;
    const nq = this.codec.preset.nCodebooks;
    const a = Math.max(0, this.emitted - this.context);
    const la = a - this.offset;
    const frames = end - a;
    const counts = this.counts.slice(la, la + frames);
    const codes = this.codes.slice(la * nq, (la + frames) * nq);
    const skip = this.emitted - a;
    const audio = tf.tidy(() => {
      const c = tf.transpose(tf.tensor3d(codes, [1, frames, nq], 'int32'), [0, 2, 1]) as tf.Tensor3D; // [1, Nq, T]
      const n = tf.tensor2d(counts, [1, frames], 'int32'); // [1, T]
      return this.codec.decodeCodes(c, n); // [1, T·hop, 1]
    });
    this.emitted += take;
    const keepFrom = Math.max(0, this.emitted - this.context) - this.offset;
    if (keepFrom > 0) {
      this.counts = this.counts.slice(keepFrom);
      this.codes = this.codes.slice(keepFrom * nq);
      this.offset += keepFrom;
    }
    return { audio, from: skip * hop, to: (skip + take) * hop };
  }

  private read(w: { audio: tf.Tensor; from: number; to: number }, async: boolean): Float32Array | Promise<Float32Array> {
    const done = (y: Float32Array) => {
      w.audio.dispose();
      return y.slice(w.from, w.to);
    };
    return async ? w.audio.data().then((y) => done(y as Float32Array)) : done(w.audio.dataSync() as Float32Array);
  }
}

function concat(parts: Float32Array[]): Float32Array {
  if (parts.length === 1) return parts[0];
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
