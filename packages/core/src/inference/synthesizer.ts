import type { VrvqCodec } from '../model/codec.js';
import type { WindowOptions } from './analyzer.js';
import { contextFrames } from './context.js';
import { SynthesisPlanner, synthesizeWindow, synthesizeWindowAsync } from './plan.js';
import { defaultWindowFrames } from './window.js';

/** The planner of windowed synthesis that `StreamingSynthesizer` uses for `codec` and `opts`. */
export function synthesisPlanner(codec: VrvqCodec, opts: WindowOptions = {}): SynthesisPlanner {
  return new SynthesisPlanner(
    codec.preset.nCodebooks,
    opts.windowFrames ?? defaultWindowFrames(codec.preset, 'synthesis'),
    opts.contextFrames ?? contextFrames(codec.preset).synthesis,
  );
}

/**
 * Decodes frames (counts + codes) to a mono signal at the model's rate in windows, with enough
 * context that the result equals decoding all frames at once; memory bounded by one window.
 */
export class StreamingSynthesizer {
  private readonly plan: SynthesisPlanner;
  readonly window: number;
  readonly context: number;

  constructor(
    private readonly codec: VrvqCodec,
    opts: WindowOptions = {},
  ) {
    this.plan = synthesisPlanner(codec, opts);
    this.window = this.plan.window;
    this.context = this.plan.context;
  }

  /**
   * Adds frames: counts [T] (levels used per frame, 1…N_q) and frame-major codes [T][N_q] (entries
   * at levels ≥ count are ignored). Returns the samples that are final (read synchronously).
   */
  push(counts: ArrayLike<number>, codes: Int32Array): Float32Array {
    this.plan.push(counts, codes);
    return this.drain();
  }

  /** As `push`, reading results with `await data()`: required on WebGPU in Node, kinder everywhere. */
  async pushAsync(counts: ArrayLike<number>, codes: Int32Array): Promise<Float32Array> {
    this.plan.push(counts, codes);
    return this.drainAsync();
  }

  /** Decodes the remaining frames. */
  finish(): Float32Array {
    return this.plan.finish() ? this.drain() : new Float32Array(0);
  }

  /** As `finish`, reading results asynchronously. */
  async finishAsync(): Promise<Float32Array> {
    return this.plan.finish() ? this.drainAsync() : new Float32Array(0);
  }

  private drain(): Float32Array {
    const parts: Float32Array[] = [];
    for (let w = this.plan.next(); w; w = this.plan.next()) parts.push(synthesizeWindow(this.codec, w));
    return concatSamples(parts);
  }

  private async drainAsync(): Promise<Float32Array> {
    const parts: Float32Array[] = [];
    for (let w = this.plan.next(); w; w = this.plan.next()) parts.push(await synthesizeWindowAsync(this.codec, w));
    return concatSamples(parts);
  }
}

/** Concatenates sample blocks (returns the only block itself, an empty array for none). */
export function concatSamples(parts: Float32Array[]): Float32Array {
  if (parts.length === 1) return parts[0];
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
