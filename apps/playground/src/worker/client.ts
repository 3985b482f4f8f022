import { PlaygroundError } from '../errors.js';
import type { Request, Response, ResultOf, Stage } from './protocol.js';

type Kind = keyof ResultOf;
type Payload<K extends Kind> = Omit<Extract<Request, { type: K }>, 'type' | 'id'>;
export type OnProgress = (stage: Stage, done: number, total: number) => void;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: OnProgress;
}

/** A job sent to the worker: its id (for `cancel`) and its outcome. */
export interface Job<T> {
  id: number;
  promise: Promise<T>;
}

/**
 * The page's handle on the codec worker: typed requests, progress callbacks, cancellation, and
 * `restart()` (a fresh worker, e.g. for another backend; pending jobs fail with CANCELLED).
 */
export class CodecClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly create: () => Worker) {
    this.worker = this.spawn();
  }

  request<K extends Kind>(type: K, payload: Payload<K>, opts: { onProgress?: OnProgress; transfer?: Transferable[] } = {}): Job<ResultOf[K]> {
    const id = this.nextId++;
    const promise = new Promise<ResultOf[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: opts.onProgress });
    });
    this.worker.postMessage({ type, id, ...payload } as Request, opts.transfer ?? []);
    return { id, promise };
  }

  cancel(id: number): void {
    if (this.pending.has(id)) this.worker.postMessage({ type: 'cancel', id: this.nextId++, target: id } satisfies Request);
  }

  restart(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new PlaygroundError('CANCELLED', 'The worker was restarted.'));
    this.pending.clear();
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = this.create();
    w.onmessage = (e: MessageEvent<Response>) => this.receive(e.data);
    w.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new PlaygroundError('BACKEND_FAILED', `The codec worker failed: ${e.message}`));
      this.pending.clear();
    };
    return w;
  }

  private receive(msg: Response): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.stage, msg.done, msg.total);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.result);
    else p.reject(new PlaygroundError(msg.code, msg.message, msg.detail));
  }
}
