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
   * at levels ≥ count are ignored). Returns the samples that are final.
   */
  push(counts: ArrayLike<number>, codes: Int32Array): Float32Array {
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
    const parts: Float32Array[] = [];
    while (this.offset + this.counts.length >= this.emitted + this.window + this.context) {
      parts.push(this.run(this.emitted + this.window + this.context, this.window));
    }
    return concat(parts);
  }

  finish(): Float32Array {
    if (this.finished) return new Float32Array(0);
    this.finished = true;
    const total = this.offset + this.counts.length;
    const parts: Float32Array[] = [];
    while (this.emitted < total) {
      const end = Math.min(total, this.emitted + this.window + this.context);
      parts.push(this.run(end, end === total ? total - this.emitted : this.window));
    }
    return concat(parts);
  }

  private run(end: number, take: number): Float32Array {
    const hop = this.codec.hop;
    const nq = this.codec.preset.nCodebooks;
    const a = Math.max(0, this.emitted - this.context);
    const la = a - this.offset;
    const frames = end - a;
    const counts = this.counts.slice(la, la + frames);
    const codes = this.codes.slice(la * nq, (la + frames) * nq);
    const skip = this.emitted - a;
    const y = tf.tidy(() => {
      const c = tf.transpose(tf.tensor3d(codes, [1, frames, nq], 'int32'), [0, 2, 1]) as tf.Tensor3D; // [1, Nq, T]
      const n = tf.tensor2d(counts, [1, frames], 'int32'); // [1, T]
      const audio = this.codec.decodeCodes(c, n); // [1, T·hop, 1]
      return tf.slice(audio, [0, skip * hop, 0], [1, take * hop, 1]);
    });
    const out = y.dataSync() as Float32Array;
    y.dispose();
    this.emitted += take;
    const keepFrom = Math.max(0, this.emitted - this.context) - this.offset;
    if (keepFrom > 0) {
      this.counts = this.counts.slice(keepFrom);
      this.codes = this.codes.slice(keepFrom * nq);
      this.offset += keepFrom;
    }
    return out;
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
