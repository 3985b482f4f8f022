/** Machine-readable reasons a playground operation failed. */
export type PlaygroundErrorCode =
  | 'BAD_INPUT' // audio or .vrvq bytes that cannot be used
  | 'MODEL_MISMATCH' // a .vrvq file made by another model
  | 'NO_SESSION' // an operation that needs encoded audio before any was encoded
  | 'CANCELLED' // the job was cancelled or superseded
  | 'BACKEND_FAILED' // no tfjs backend could be started
  | 'MODEL_LOAD_FAILED'
  | 'UNSUPPORTED' // the browser lacks a needed feature (microphone, Web Audio)
  | 'BAD_OUTPUT' // the tfjs backend returned impossible numbers (NaN importance, codes out of range)
  | 'INTERNAL'; // anything else (a bug, or tfjs failing mid-computation)

/** The one error class of the playground: a `code` for programs, a message for people. */
export class PlaygroundError extends Error {
  constructor(
    readonly code: PlaygroundErrorCode,
    message: string,
    /** Extra machine-readable detail (e.g. the model name a file asks for). */
    readonly detail?: Record<string, string>,
  ) {
    super(message);
    this.name = 'PlaygroundError';
  }
}
