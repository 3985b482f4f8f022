import { PlaygroundError } from '../errors.js';

/** Cooperative cancellation: long jobs check the token between model windows. */
export class CancelToken {
  private cancelledFlag = false;

  get cancelled(): boolean {
    return this.cancelledFlag;
  }

  cancel(): void {
    this.cancelledFlag = true;
  }

  throwIfCancelled(): void {
    if (this.cancelledFlag) throw new PlaygroundError('CANCELLED', 'Cancelled.');
  }
}

/** Lets queued messages (e.g. a cancel) run, then resumes: one macrotask. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Progress callback: `done` of `total` units of the named stage. */
export type ProgressFn = (done: number, total: number) => void;
