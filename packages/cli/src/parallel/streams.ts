import {
  type AnalysisPlanner,
  type AnalysisWindow,
  type AnalyzedFrames,
  analysisPlanner,
  concatSamples,
  StreamingAnalyzer,
  StreamingSynthesizer,
  type SynthesisPlanner,
  type SynthesisWindow,
  synthesisPlanner,
  type VrvqCodec,
  type WindowOptions,
} from '@vrvq/core';
import type { InferencePool } from './pool.js';

/**
 * Streaming analysis as the encoder uses it: push samples at the model's rate, get the frames that
 * are done, in order (possibly none yet); `finish` returns the rest.
 */
export interface FrameAnalyzer {
  push(samples: Float32Array): Promise<AnalyzedFrames[]>;
  finish(): Promise<AnalyzedFrames[]>;
}

/** Streaming synthesis as the decoder uses it: push frames, get the samples that are done, in order. */
export interface FrameSynthesizer {
  push(counts: ArrayLike<number>, codes: Int32Array): Promise<Float32Array>;
  /**
   * Decodes the remaining frames and returns their samples; with `each`, hands them over block by
   * block as they are done (in order; the next waits for `each` to settle) and returns nothing, so
   * the caller's work on one block overlaps with the threads computing the next.
   */
  finish(each?: (samples: Float32Array) => Promise<void>): Promise<Float32Array>;
}

export interface StreamOptions extends WindowOptions {
  /** Run the windows on these worker threads (null/absent: on this thread). */
  pool?: InferencePool | null;
  /** Windows of this stream queued or running at once (default 2 per worker thread). */
  inFlight?: number;
}

/**
 * A streaming analyzer on this thread (`StreamingAnalyzer`) or, with a pool, one that hands the
 * same windows (the same `AnalysisPlanner`) to the worker threads: the frames are the same bits.
 */
export function createAnalyzer(codec: VrvqCodec, opts: StreamOptions = {}): FrameAnalyzer {
  if (opts.pool) return new ParallelAnalyzer(opts.pool, analysisPlanner(codec, opts), opts.inFlight);
  const an = new StreamingAnalyzer(codec, opts);
  return { push: (x) => an.pushAsync(x), finish: () => an.finishAsync() };
}

/** A streaming synthesizer on this thread or, with a pool, on the worker threads (same samples). */
export function createSynthesizer(codec: VrvqCodec, opts: StreamOptions = {}): FrameSynthesizer {
  if (opts.pool) return new ParallelSynthesizer(opts.pool, synthesisPlanner(codec, opts), opts.inFlight);
  const syn = new StreamingSynthesizer(codec, opts);
  return {
    push: (c, k) => syn.pushAsync(c, k),
    finish: async (each) => {
      const y = await syn.finishAsync();
      if (!each) return y;
      await each(y);
      return new Float32Array(0);
    },
  };
}

interface Entry<T> {
  settled: boolean;
  failed: boolean;
  value?: T;
  error?: unknown;
  done: Promise<void>;
}

/** Results of jobs in submission order: the settled prefix can be taken while later ones still run. */
class InOrder<T> {
  private readonly entries: Entry<T>[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(job: Promise<T>): void {
    const e: Entry<T> = { settled: false, failed: false, done: Promise.resolve() };
    e.done = job.then(
      (v) => {
        e.value = v;
        e.settled = true;
      },
      (err: unknown) => {
        e.error = err;
        e.failed = true;
        e.settled = true;
      },
    );
    this.entries.push(e);
  }

  /** Removes and returns the settled prefix; throws the first failure. */
  take(): T[] {
    const out: T[] = [];
    while (this.entries.length && this.entries[0].settled) {
      const e = this.entries.shift()!;
      if (e.failed) throw e.error;
      out.push(e.value as T);
    }
    return out;
  }

  /** Waits for the oldest job. */
  async oldest(): Promise<void> {
    await this.entries[0]?.done;
  }

  /** Waits for every job and returns all results. */
  async all(): Promise<T[]> {
    const out: T[] = [];
    while (this.entries.length) {
      await this.oldest();
      out.push(...this.take());
    }
    return out;
  }
}

/** Plans windows here, runs them on the pool, returns results in order with at most `limit` outstanding. */
abstract class ParallelStream<W, R> {
  protected readonly results = new InOrder<R>();
  private readonly limit: number;

  constructor(
    protected readonly pool: InferencePool,
    inFlight: number | undefined,
  ) {
    this.limit = Math.max(1, inFlight ?? 2 * pool.size);
  }

  protected abstract nextWindow(): W | null;
  protected abstract run(w: W): Promise<R>;

  /** Submits every due window (waiting while `limit` are outstanding); returns the results that are done. */
  protected async dispatch(): Promise<R[]> {
    const out: R[] = [];
    for (let w = this.nextWindow(); w; w = this.nextWindow()) {
      while (this.results.size >= this.limit) {
        await this.results.oldest();
        out.push(...this.results.take());
      }
      this.results.add(this.run(w));
    }
    out.push(...this.results.take());
    return out;
  }
}

/** `FrameAnalyzer` over worker threads: the windows of `StreamingAnalyzer`, computed elsewhere. */
export class ParallelAnalyzer extends ParallelStream<AnalysisWindow, AnalyzedFrames> implements FrameAnalyzer {
  constructor(
    pool: InferencePool,
    private readonly plan: AnalysisPlanner,
    inFlight?: number,
  ) {
    super(pool, inFlight);
  }

  protected nextWindow() {
    return this.plan.next();
  }

  protected run(w: AnalysisWindow) {
    return this.pool.analyze(w);
  }

  push(samples: Float32Array): Promise<AnalyzedFrames[]> {
    this.plan.push(samples);
    return this.dispatch();
  }

  async finish(): Promise<AnalyzedFrames[]> {
    const out = this.plan.finish() ? await this.dispatch() : [];
    return [...out, ...(await this.results.all())];
  }
}

/** `FrameSynthesizer` over worker threads: the windows of `StreamingSynthesizer`, computed elsewhere. */
export class ParallelSynthesizer extends ParallelStream<SynthesisWindow, Float32Array> implements FrameSynthesizer {
  constructor(
    pool: InferencePool,
    private readonly plan: SynthesisPlanner,
    inFlight?: number,
  ) {
    super(pool, inFlight);
  }

  protected nextWindow() {
    return this.plan.next();
  }

  protected run(w: SynthesisWindow) {
    return this.pool.synthesize(w);
  }

  async push(counts: ArrayLike<number>, codes: Int32Array): Promise<Float32Array> {
    this.plan.push(counts, codes);
    return concatSamples(await this.dispatch());
  }

  async finish(each?: (samples: Float32Array) => Promise<void>): Promise<Float32Array> {
    const out = this.plan.finish() ? await this.dispatch() : [];
    if (!each) return concatSamples([...out, ...(await this.results.all())]);
    await each(concatSamples(out));
    while (this.results.size) {
      await this.results.oldest();
      await each(concatSamples(this.results.take()));
    }
    return new Float32Array(0);
  }
}
