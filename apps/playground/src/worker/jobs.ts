import { CancelToken } from '../engine/cancel.js';
import { PlaygroundError } from '../errors.js';

/**
 * Runs jobs one at a time in arrival order; each has a cancel token that `cancel(id)` sets at once
 * (even while the job waits its turn).
 */
export class JobQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly tokens = new Map<number, CancelToken>();

  run<T>(id: number, job: (token: CancelToken) => Promise<T>): Promise<T> {
    const token = new CancelToken();
    this.tokens.set(id, token);
    const result = this.tail.then(async () => {
      token.throwIfCancelled();
      return job(token);
    });
    const done = () => this.tokens.delete(id);
    this.tail = result.then(done, done);
    return result;
  }

  cancel(id: number): void {
    this.tokens.get(id)?.cancel();
  }
}

/** A thrown value as the protocol's error fields. */
export function errorFields(e: unknown): { code: PlaygroundError['code']; message: string; detail?: Record<string, string> } {
  if (e instanceof PlaygroundError) return { code: e.code, message: e.message, detail: e.detail };
  const err = e as { message?: string };
  return { code: 'INTERNAL', message: err?.message ?? String(e) };
}
