import { availableParallelism } from 'node:os';
import { contextFrames, defaultWindowFrames, flopsPerSecond, hopLength, type ModelPreset } from '@vrvq/core';
import type { OptionSpec } from '../args.js';
import { usageError } from '../errors.js';
import { type LoadedModel, modelWeights } from '../model.js';
import { InferencePool, THREADED_BACKENDS } from './pool.js';

/** `--threads N`, for every command that runs the model over audio. */
export const threadsOption: OptionSpec = { threads: { type: 'string', short: 'j' } };

/** The help lines of --threads, descriptions starting at column `col`. */
export function threadsHelp(col: number): string {
  const pad = ' '.repeat(col);
  return [
    '  -j, --threads N'.padEnd(col),
    'worker threads running the model (default: 2 on wasm/cpu with ≥ 2 cores,\n',
    `${pad}else 1, and only for clips long enough to repay their start-up; also\n`,
    `${pad}$VRVQ_THREADS); the output is the same bits for every N`,
  ].join('');
}

const MAX_THREADS = 64;

/** The default: min(2, cores) on backends that can run in worker threads (wasm, cpu), else 1. */
export function defaultThreads(backend: string): number {
  return THREADED_BACKENDS.has(backend) ? Math.max(1, Math.min(2, availableParallelism())) : 1;
}

/** Whether the thread count was asked for (--threads or $VRVQ_THREADS) rather than defaulted. */
export function threadsGiven(text: string | undefined): boolean {
  return (text ?? process.env.VRVQ_THREADS ?? '') !== '';
}

/** Validates --threads (or $VRVQ_THREADS) for `backend`; absent → `defaultThreads`. */
export function chooseThreads(text: string | undefined, backend: string): number {
  const given = text ?? process.env.VRVQ_THREADS;
  if (given === undefined || given === '') return defaultThreads(backend);
  const from = text === undefined ? 'VRVQ_THREADS' : '--threads';
  const n = Number(given);
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_THREADS)) throw usageError(`${from} must be a whole number from 1 to ${MAX_THREADS} (got '${given}')`);
  if (n > 1 && !THREADED_BACKENDS.has(backend)) {
    throw usageError(`${from} ${n} needs the wasm or cpu backend; the '${backend}' backend runs on one thread (use --threads 1)`);
  }
  return n;
}

/** Model calls (windows) of analysing `frames` frames per channel: what threads can share. */
export function windowCount(preset: ModelPreset, frames: number, side: 'analysis' | 'synthesis', windowFrames?: number): number {
  const w = windowFrames ?? defaultWindowFrames(preset, side);
  const c = side === 'analysis' ? contextFrames(preset).analysis : contextFrames(preset).synthesis;
  return Math.max(1, Math.ceil((frames - c) / w));
}

/** Frames the model produces for `samples` input samples at `rate`. */
export function framesFor(preset: ModelPreset, samples: number, rate: number): number {
  return Math.ceil(Math.round((samples * preset.sampleRate) / rate) / hopLength(preset));
}

/**
 * Work (GFLOP) below which the default thread count does not start worker threads: starting two
 * takes about a second on two cores (each loads tfjs and the model), about what they would save
 * on 40 GFLOP of wasm work (20 GFLOP/s on one thread). --threads N given explicitly uses them
 * whenever there are two windows or more.
 */
export const MIN_THREADED_GFLOP = 40;

/**
 * The worker threads of one command: started on first use (so short files never pay for them),
 * shared by every file the command handles, terminated by `close()`. Callers wait until the
 * workers are ready: running windows on this thread meanwhile was measured slower (a window of the
 * tiny models is a second of work that cannot be cut short when the workers come up, and it slows
 * their start-up on two cores).
 */
export class WorkerThreads {
  private pool: Promise<InferencePool> | null = null;

  constructor(
    readonly threads: number,
    private readonly backend: string,
    private readonly model: LoadedModel,
    /** --threads was given: use the threads whenever a job has two windows, however small. */
    private readonly explicit = false,
  ) {}

  /**
   * The pool for analysing or synthesising `frames` frames (null: unknown, a stream) of `channels`
   * channels, or null when this thread is the better choice: one thread, a single window, or (by
   * default) too little work to repay the start-up (`MIN_THREADED_GFLOP`).
   */
  async forJob(side: 'analysis' | 'synthesis', frames: number | null, channels: number): Promise<InferencePool | null> {
    if (this.threads <= 1) return null;
    if (frames !== null) {
      const preset = this.model.codec.preset;
      if (channels * windowCount(preset, frames, side) <= 1) return null;
      const f = flopsPerSecond(preset);
      const perSecond = side === 'analysis' ? f.encoder + f.importance + f.quantizer : f.decoder;
      const gflop = (channels * frames * hopLength(preset) * perSecond) / preset.sampleRate / 1e9;
      if (!this.explicit && gflop < MIN_THREADED_GFLOP) return null;
    }
    return this.get();
  }

  /** The pool, started now if it is not yet (null with one thread). */
  async get(): Promise<InferencePool | null> {
    if (this.threads <= 1) return null;
    this.pool ??= modelWeights(this.model).then((weights) => InferencePool.start({ threads: this.threads, backend: this.backend, weights }));
    return this.pool;
  }

  async close(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    if (p) await p.then((pool) => pool.close(), () => undefined);
  }
}
