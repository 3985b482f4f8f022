import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalysisWindow, AnalyzedFrames, SynthesisWindow } from '@vrvq/core';
import { CliError, EXIT } from '../errors.js';
import type { Job, Reply, WireError, WorkerInit } from './protocol.js';

/** Backends a worker thread can run: they compute synchronously on the calling thread. */
export const THREADED_BACKENDS: ReadonlySet<string> = new Set(['wasm', 'cpu']);

export interface PoolOptions {
  /** Worker threads (≥ 1), each with its own backend and model copy. */
  threads: number;
  /** tfjs backend every worker initialises ('wasm' or 'cpu'). */
  backend: string;
  /** The model's safetensors bytes. */
  weights: Uint8Array;
  /** The worker script (default: `inference-worker.js` next to the built CLI). */
  workerUrl?: URL;
}

type Pending = { job: Job; resolve: (r: Reply) => void; reject: (e: Error) => void };

interface Slot {
  index: number;
  worker: Worker;
  busy: Pending | null;
  exited: boolean;
}

const live = new Set<InferencePool>();

/** The built worker script: dist/inference-worker.js, beside the bundle this module ends up in. */
export function defaultWorkerUrl(): URL {
  return new URL('./inference-worker.js', import.meta.url);
}

/**
 * Node options for the workers: this process's, minus those about evaluating a string (`-e CODE`,
 * `-p CODE`, `--input-type`), which a worker started from a file rejects (e.g. under
 * `node --input-type=module -e "…"`).
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (['-e', '--eval', '-p', '--print', '--input-type'].includes(a)) i++; // and its value
    else if (!/^(--eval|--print|--input-type)=/.test(a) && !['-i', '--interactive', '-c', '--check'].includes(a)) out.push(a);
  }
  return out;
}

/** Rebuilds a worker's error on this side: same name and code (so exit codes keep their meaning), worker named in the message. */
function fromWire(w: WireError, where: string): Error {
  const e = new Error(`${where}: ${w.message}`);
  e.name = w.name;
  if (w.code !== undefined) (e as { code?: string }).code = w.code;
  if (w.stack) e.stack = `${e.name}: ${e.message}\n  from the worker's stack: ${w.stack}`;
  return e;
}

/**
 * Node worker threads that run windows of streaming inference, each thread with its own tfjs
 * backend and its own copy of the model. Jobs queue here and go to whichever worker is free, one
 * at a time per worker; results come back through the returned promises. A worker that fails a job
 * rejects that job only; a worker that crashes or exits fails the pool (every pending and later
 * job rejects). `close()` terminates every worker (also on errors: use try/finally), and
 * `InferencePool.closeAll()` does so for every open pool (e.g. on Ctrl-C).
 */
export class InferencePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private failure: Error | null = null;
  private closing = false;

  private constructor(readonly backend: string) {}

  /** Starts `threads` workers and waits until each has its backend and model ready. */
  static async start(opts: PoolOptions): Promise<InferencePool> {
    if (!(Number.isInteger(opts.threads) && opts.threads >= 1)) throw new RangeError(`threads must be a positive integer, got ${opts.threads}`);
    if (!THREADED_BACKENDS.has(opts.backend)) {
      throw new CliError(`worker threads need the wasm or cpu backend, not '${opts.backend}' (use --threads 1)`, EXIT.usage);
    }
    const url = opts.workerUrl ?? defaultWorkerUrl();
    if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
      throw new CliError(`the inference worker script ${fileURLToPath(url)} is missing (build @vrvq/cli, or use --threads 1)`);
    }
    const pool = new InferencePool(opts.backend);
    live.add(pool);
    try {
      await Promise.all(Array.from({ length: opts.threads }, (_, i) => pool.spawn(url, i + 1, opts)));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Pools started and not yet closed (their workers are running). */
  static get open(): number {
    return live.size;
  }

  /** Terminates the workers of every open pool. */
  static async closeAll(): Promise<void> {
    await Promise.all([...live].map((p) => p.close()));
  }

  /** Number of worker threads. */
  get size(): number {
    return this.slots.length;
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.busy).length;
  }

  /** Runs one analysis window in a worker (its sample buffer is transferred, so do not reuse it). */
  async analyze(window: AnalysisWindow): Promise<AnalyzedFrames> {
    const r = await this.submit({ id: this.nextId++, kind: 'analyze', window });
    if (r.kind !== 'analyzed') throw new Error(`inference pool: unexpected reply '${r.kind}'`);
    return r.frames;
  }

  /** Runs one synthesis window in a worker and returns its kept samples. */
  async synthesize(window: SynthesisWindow): Promise<Float32Array> {
    const r = await this.submit({ id: this.nextId++, kind: 'synthesize', window });
    if (r.kind !== 'synthesized') throw new Error(`inference pool: unexpected reply '${r.kind}'`);
    return r.samples;
  }

  /** Terminates every worker; pending jobs reject. Safe to call more than once. */
  async close(): Promise<void> {
    if (!live.has(this)) return;
    live.delete(this);
    this.closing = true;
    const closed = new Error('inference pool closed');
    this.failAll(closed);
    await Promise.all(this.slots.map((s) => (s.exited ? undefined : s.worker.terminate().catch(() => undefined))));
  }

  private spawn(url: URL, index: number, opts: PoolOptions): Promise<void> {
    const data: WorkerInit = { index, backend: opts.backend, weights: opts.weights };
    // stdout: true, then sent to stderr: whatever a worker prints must never mix into a .vrvq or
    // WAV written to standard output.
    const worker = new Worker(url, { workerData: data, execArgv: workerExecArgv(), stdout: true });
    worker.stdout.pipe(process.stderr, { end: false });
    const slot: Slot = { index, worker, busy: null, exited: false };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (m: Reply) => {
        if (m.kind === 'ready') {
          ready = true;
          worker.unref();
          resolve();
          this.pump();
        } else if (m.kind === 'failed') {
          reject(fromWire(m.error, `inference worker ${index} could not start`));
        } else {
          this.settle(slot, m);
        }
      });
      worker.on('error', (e) => {
        const err = new CliError(`inference worker ${index} crashed: ${e.message}`);
        if (!ready) reject(err);
        this.fail(err);
      });
      worker.on('messageerror', (e) => this.fail(new CliError(`inference worker ${index}: a message could not be read (${e.message})`)));
      worker.on('exit', (code) => {
        slot.exited = true;
        if (this.closing) return;
        const err = new CliError(`inference worker ${index} exited unexpectedly (exit code ${code})`);
        if (!ready) reject(err);
        this.fail(err);
      });
    });
  }

  private submit(job: Job): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Hands queued jobs to idle workers, lowest index first. */
  private pump(): void {
    for (const s of this.slots) {
      if (!this.queue.length) return;
      if (!s.busy && !s.exited && !this.failure) this.send(s, this.queue.shift()!);
    }
  }

  private send(s: Slot, p: Pending): void {
    s.busy = p;
    s.worker.ref(); // a running job keeps the process alive; an idle pool does not
    const w = p.job.window;
    const arrays = 'samples' in w ? [w.samples] : [w.counts, w.codes];
    s.worker.postMessage(p.job, arrays.filter(owns).map((a) => a.buffer as ArrayBuffer));
  }

  private settle(s: Slot, m: Reply): void {
    const p = s.busy;
    if (!p || !('id' in m) || m.id !== p.job.id) {
      this.fail(new CliError(`inference worker ${s.index} answered a job it was not given`));
      return;
    }
    s.busy = null;
    s.worker.unref();
    if (m.kind === 'error') p.reject(fromWire(m.error, `inference worker ${s.index}`));
    else p.resolve(m);
    this.pump();
  }

  /** The pool is broken: every pending job and every later one rejects with `err`. */
  private fail(err: Error): void {
    if (this.failure || this.closing) return;
    this.failure = err;
    this.failAll(err);
  }

  private failAll(err: Error): void {
    this.failure ??= err;
    for (const s of this.slots) {
      const p = s.busy;
      s.busy = null;
      p?.reject(err);
    }
    for (const p of this.queue.splice(0)) p.reject(err);
  }
}

/** True when a typed array spans its whole buffer, so the buffer can be transferred without taking other data along. */
function owns(a: ArrayBufferView): boolean {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !(a.buffer instanceof SharedArrayBuffer);
}
