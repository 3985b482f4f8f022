import type { VrvqCodec } from '../model/codec.js';
import { contextFrames } from './context.js';
import { AnalysisPlanner, type AnalyzedFrames, analyzeWindow, analyzeWindowAsync } from './plan.js';
import { defaultWindowFrames } from './window.js';

export type { AnalyzedFrames } from './plan.js';

export interface WindowOptions {
  /** Frames produced per model call (default `defaultWindowFrames`: 256…1024 by model size). */
  windowFrames?: number;
  /** Context frames each side (default: the model's receptive field, see `contextFrames`). */
  contextFrames?: number;
}

/** The planner of windowed analysis that `StreamingAnalyzer` uses for `codec` and `opts`. */
export function analysisPlanner(codec: VrvqCodec, opts: WindowOptions = {}): AnalysisPlanner {
  return new AnalysisPlanner(
    codec.hop,
    opts.windowFrames ?? defaultWindowFrames(codec.preset, 'analysis'),
    opts.contextFrames ?? contextFrames(codec.preset).analysis,
  );
}

/**
 * Encodes a mono signal at the model's rate in windows, with enough context on both sides that
 * the result equals analysing the whole signal at once, and memory bounded by one window.
 * Push samples as they arrive; `finish()` right-pads the end to a multiple of the hop (as the
 * whole-signal path does) and returns the last frames.
 */
export class StreamingAnalyzer {
  private readonly plan: AnalysisPlanner;
  readonly window: number;
  readonly context: number;

  constructor(
    private readonly codec: VrvqCodec,
    opts: WindowOptions = {},
  ) {
    this.plan = analysisPlanner(codec, opts);
    this.window = this.plan.window;
    this.context = this.plan.context;
  }

  /** Frames emitted so far. */
  get framesEmitted(): number {
    return this.plan.planned;
  }

  /** Adds samples; returns the frames that became final (reads results synchronously). */
  push(samples: Float32Array): AnalyzedFrames[] {
    this.plan.push(samples);
    return this.drain();
  }

  /** As `push`, reading results with `await data()`: required on WebGPU in Node, kinder everywhere. */
  async pushAsync(samples: Float32Array): Promise<AnalyzedFrames[]> {
    this.plan.push(samples);
    return this.drainAsync();
  }

  /** Pads the end to a multiple of the hop and returns the remaining frames. */
  finish(): AnalyzedFrames[] {
    return this.plan.finish() ? this.drain() : [];
  }

  /** As `finish`, reading results asynchronously. */
  async finishAsync(): Promise<AnalyzedFrames[]> {
    return this.plan.finish() ? this.drainAsync() : [];
  }

  private drain(): AnalyzedFrames[] {
    const out: AnalyzedFrames[] = [];
    for (let w = this.plan.next(); w; w = this.plan.next()) out.push(analyzeWindow(this.codec, w));
    return out;
  }

  private async drainAsync(): Promise<AnalyzedFrames[]> {
    const out: AnalyzedFrames[] = [];
    for (let w = this.plan.next(); w; w = this.plan.next()) out.push(await analyzeWindowAsync(this.codec, w));
    return out;
  }
}
