/**
 * The one error class of `@vrvq/bitstream`. `code` is machine-readable and stable; `message` is for
 * people; `offset` (when known) is the absolute byte offset in the stream where the problem was found.
 */
export type BitstreamErrorCode =
  /** The caller passed something invalid to an encoder or helper (never raised by decoders). */
  | 'INVALID_ARGUMENT'
  /** The first bytes are not the `.vrvq` magic. */
  | 'BAD_MAGIC'
  /** The major version is not one this decoder implements. */
  | 'UNSUPPORTED_VERSION'
  /** The data ends before a header, record or payload is complete. */
  | 'TRUNCATED'
  /** A stored CRC-32 does not match the bytes it protects. */
  | 'CRC_MISMATCH'
  /** A header field is out of range, malformed, or reserved bits are set. */
  | 'HEADER_INVALID'
  /** A length or count exceeds a documented limit of the format or of the caller's options. */
  | 'LIMIT_EXCEEDED'
  /** A record type this decoder does not know and may not skip (critical record). */
  | 'UNKNOWN_RECORD'
  /** A chunk record whose body is inconsistent (bad count, wrong payload length, padding). */
  | 'CHUNK_INVALID'
  /** An entropy-coded payload that no encoder could have produced. */
  | 'ENTROPY_CORRUPT'
  /** The end record is malformed or disagrees with the chunks before it. */
  | 'END_INVALID'
  /** Bytes follow the end record. */
  | 'TRAILING_DATA'
  /** A reader/writer method was called in the wrong state (e.g. after `finish`). */
  | 'INVALID_STATE';

export class BitstreamError extends Error {
  readonly code: BitstreamErrorCode;
  readonly offset: number | undefined;

  constructor(code: BitstreamErrorCode, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = 'BitstreamError';
    this.code = code;
    this.offset = offset;
  }
}

/** Throws `INVALID_ARGUMENT` with `message` unless `ok`. */
export function requireArg(ok: boolean, message: string): asserts ok {
  if (!ok) throw new BitstreamError('INVALID_ARGUMENT', message);
}
