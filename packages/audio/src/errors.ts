/**
 * The one error class of `@vrvq/audio`. `code` is machine-readable and stable; `message` is a
 * sentence meant for a person (the CLI prints it alone).
 */
export type AudioErrorCode =
  | 'empty_input' // zero bytes given
  | 'unknown_format' // magic bytes match no supported container
  | 'unsupported_format' // recognised container, but an encoding we do not read (e.g. ADPCM WAV)
  | 'truncated' // the bytes end before a header (or a required chunk) is complete
  | 'invalid_header' // a header field is impossible (zero channels, zero rate, bad block align…)
  | 'too_large' // a size would need an absurd allocation
  | 'invalid_sample' // NaN or ±Infinity in float data
  | 'invalid_argument' // a caller passed an impossible value (negative frame count, bad rate…)
  | 'decode_failed' // a compressed-format decoder produced no audio or reported a fatal error
  | 'decoder_unavailable'; // the optional decoder package could not be loaded

export class AudioError extends Error {
  readonly code: AudioErrorCode;

  constructor(code: AudioErrorCode, message: string) {
    super(message);
    this.name = 'AudioError';
    this.code = code;
  }
}
