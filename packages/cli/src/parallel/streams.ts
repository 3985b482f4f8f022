import {
  type AnalysisPlanner,
  type AnalysisWindow,
  type AnalyzedFrames,
  analysisPlanner,
  analyzeWindowAsync,
  concatSamples,
  StreamingAnalyzer,
  StreamingSynthesizer,
  type SynthesisPlanner,
  type SynthesisWindow,
  synthesisPlanner,
  synthesizeWindowAsync,
  type VrvqCodec,
  type WindowOptions,
} from '@vrvq/core';
import { InferencePool, type PoolLike } from './pool.js';

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
  finish(): Promise<Float32Array>;
}

export interface StreamOptions extends WindowOptions {
  /**
   * Run the windows on these worker threads (null/absent: on this thread). A pool still starting
   * is fine: windows due before it is ready run on this thread.
   */
  pool?: PoolLike | null;
  /** Windows of this stream queued or running at once (default 2 per worker thread). */
  inFlight?: number;
}

/**
 * A streaming analyzer on this thread (`StreamingAnalyzer`) or, with a pool, one that hands the
 * same windows (the same `AnalysisPlanner`) to the worker threads: the frames are the same bits.
 */
export function createAnalyzer(codec: VrvqCodec, opts: StreamOptions = {}): FrameAnalyzer {
  if (opts.pool) return new ParallelAnalyzer(codec, opts.pool, analysisPlanner(codec, opts), opts.inFlight);
  const an = new StreamingAnalyzer(codec, opts);
  return { push: (x) => an.pushAsync(x), finish: () => an.finishAsync() };
}

/** A streaming synthesizer on this thread or, with a pool, on the worker threads (same samples). */
export function createSynthesizer(codec: VrvqCodec, opts: StreamOptions = {}): FrameSynthesizer {
  if (opts.pool) return new ParallelSynthesizer(codec, opts.pool, synthesisPlanner(codec, opts), opts.inFlight);
  const syn = new StreamingSynthesizer(codec, opts);
  return { push: (c, k) => syn.pushAsync(c, k), finish: () => syn.finishAsync() };
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

/** A macrotask turn, so that worker messages (a pool becoming ready) are seen between windows. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Plans windows here, runs them on the pool and returns results in order, with at most `limit`
 * outstanding. While the pool is still starting, due windows run on this thread (same code, same
 * bits), so the start-up of the workers overlaps with work instead of delaying it.
 */
abstract class ParallelStream<W, R> {
  protected readonly results = new InOrder<R>();
  private readonly limit: number;
  private pool: InferencePool | null = null;
  private startFailure: { error: unknown } | null = null;

  constructor(
    protected readonly codec: VrvqCodec,
    source: PoolLike,
    inFlight: number | undefined,
  ) {
    if (source instanceof InferencePool) this.pool = source;
    else
      source.ready.then(
        (p) => {
          this.pool = p;
        },
        (error: unknown) => {
          this.startFailure = { error };
        },
      );
    this.limit = Math.max(1, inFlight ?? 2 * (source instanceof InferencePool ? source.size : source.threads));
  }

  protected abstract nextWindow(): W | null;
  protected abstract runRemote(pool: InferencePool, w: W): Promise<R>;
  protected abstract runLocal(w: W): Promise<R>;

  /** Submits every due window (waiting while `limit` are outstanding); returns the results that are done. */
  protected async dispatch(): Promise<R[]> {
    const out: R[] = [];
    for (let w = this.nextWindow(); w; w = this.nextWindow()) {
      if (this.startFailure) throw this.startFailure.error;
      if (!this.pool) {
        const r = this.runLocal(w);
        this.results.add(r);
        await r.catch(() => undefined); // its failure surfaces from take()
        await turn();
        continue;
      }
      while (this.results.size >= this.limit) {
        await this.results.oldest();
        out.push(...this.results.take());
      }
      this.results.add(this.runRemote(this.pool, w));
    }
    out.push(...this.results.take());
    return out;
  }
}

/** `FrameAnalyzer` over worker threads: the windows of `StreamingAnalyzer`, computed elsewhere. */
export class ParallelAnalyzer extends ParallelStream<AnalysisWindow, AnalyzedFrames> implements FrameAnalyzer {
  constructor(
    codec: VrvqCodec,
    pool: PoolLike,
    private readonly plan: AnalysisPlanner,
    inFlight?: number,
  ) {
    super(codec, pool, inFlight);
  }

  protected nextWindow() {
    return this.plan.next();
  }

  protected runRemote(pool: InferencePool, w: AnalysisWindow) {
    return pool.analyze(w);
  }

  protected runLocal(w: AnalysisWindow) {
    return analyzeWindowAsync(this.codec, w);
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
    codec: VrvqCodec,
    pool: PoolLike,
    private readonly plan: SynthesisPlanner,
    inFlight?: number,
  ) {
    super(codec, pool, inFlight);
  }

  protected nextWindow() {
    return this.plan.next();
  }

  protected runRemote(pool: InferencePool, w: SynthesisWindow) {
    return pool.synthesize(w);
  }

  protected runLocal(w: SynthesisWindow) {
    return synthesizeWindowAsync(this.codec, w);
  }

  async push(counts: ArrayLike<number>, codes: Int32Array): Promise<Float32Array> {
    this.plan.push(counts, codes);
    return concatSamples(await this.dispatch());
  }

  async finish(): Promise<Float32Array> {
    const out = this.plan.finish() ? await this.dispatch() : [];
    return concatSamples([...out, ...(await this.results.all())]);
  }
}
