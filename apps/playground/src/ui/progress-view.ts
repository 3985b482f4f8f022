import type { Stage } from '../worker/protocol.js';
import { byId } from './dom.js';

const LABEL: Record<Stage, string> = { load: 'Loading the model', encode: 'Encoding', decode: 'Decoding', metrics: 'Measuring quality' };

/** The progress bar, status line, error line and cancel button. */
export class ProgressView {
  private readonly bar = byId<HTMLProgressElement>('progress');
  private readonly status = byId('status');
  private readonly error = byId('error');
  private readonly cancelButton = byId<HTMLButtonElement>('cancel');
  private cancelFn: (() => void) | null = null;

  constructor() {
    this.cancelButton.addEventListener('click', () => this.cancelFn?.());
  }

  /** A job started: `cancel` (if any) is what the Cancel button does. */
  begin(stage: Stage, cancel: (() => void) | null): void {
    this.cancelFn = cancel;
    this.cancelButton.disabled = cancel === null;
    this.bar.value = 0;
    this.status.textContent = `${LABEL[stage]}…`;
    document.body.dataset.busy = stage;
  }

  update(stage: Stage, done: number, total: number): void {
    this.bar.value = total > 0 ? done / total : 0;
    const unit = stage === 'encode' || stage === 'decode' ? ' frames' : '';
    this.status.textContent = `${LABEL[stage]}… ${done} / ${total}${unit}`;
  }

  end(message: string): void {
    this.cancelFn = null;
    this.cancelButton.disabled = true;
    this.bar.value = 1;
    this.status.textContent = message;
    delete document.body.dataset.busy;
  }

  showError(message: string | null): void {
    this.error.hidden = message === null;
    this.error.textContent = message ?? '';
  }
}
