/** Machine-readable reasons a training call can fail. */
export type TrainErrorCode =
  | 'bad-config'
  | 'bad-shape'
  | 'bad-argument'
  | 'no-data'
  | 'decode-failed'
  | 'checkpoint-missing'
  | 'checkpoint-corrupt'
  | 'run-dir'
  | 'aborted'
  | 'non-finite';

/** The one error class of `@vrvq/train`: a `code` for programs, a message for people. */
export class TrainError extends Error {
  readonly code: TrainErrorCode;

  constructor(code: TrainErrorCode, message: string) {
    super(message);
    this.name = 'TrainError';
    this.code = code;
  }
}
