/** Machine-readable reasons a `@vrvq/core` call can fail. */
export type CoreErrorCode =
  | 'BACKEND_UNKNOWN'
  | 'BACKEND_UNAVAILABLE'
  | 'BACKEND_INIT_FAILED'
  | 'WEBGPU_MISSING'
  | 'WEBGPU_NO_ADAPTER'
  | 'WEBGPU_SYNC_READ'
  | 'BAD_ARGUMENT';

/** The one error class of `@vrvq/core`: `code` for programs, `message` for people. */
export class CoreError extends Error {
  readonly code: CoreErrorCode | string;

  constructor(code: CoreErrorCode | string, message: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
  }
}
