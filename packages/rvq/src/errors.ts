/** Machine-readable error codes raised by `@vrvq/rvq`. */
export type RvqErrorCode =
  | 'invalid-config'
  | 'invalid-shape'
  | 'invalid-argument'
  | 'codebook-size-not-power-of-two';

/**
 * The one error class of `@vrvq/rvq`. `code` is stable and machine-readable; `message` is a
 * complete sentence meant for people (the CLI prints it alone).
 */
export class RvqError extends Error {
  readonly code: RvqErrorCode;

  constructor(code: RvqErrorCode, message: string) {
    super(message);
    this.name = 'RvqError';
    this.code = code;
  }
}

/** Throws `RvqError(code, message)` unless `cond` holds. */
export function check(cond: boolean, code: RvqErrorCode, message: () => string): asserts cond {
  if (!cond) throw new RvqError(code, message());
}
