/**
 * Hard limits of format version 1. Decoders reject anything beyond them before allocating, and
 * encoders refuse to write it. They are part of the spec (docs/bitstream.md, "Limits").
 */
export const LIMITS = {
  /** Channels per stream. */
  maxChannels: 64,
  /** Quantizer levels N_q. */
  maxNq: 64,
  /** Bits per code: codebook size = 2^codeBits, 1 ≤ codeBits ≤ 16. */
  maxCodeBits: 16,
  /** UTF-8 bytes of the model name. */
  maxNameBytes: 255,
  /** Bytes of the weights hash. */
  maxHashBytes: 64,
  /** Total bytes of the TLV metadata area. */
  maxTlvBytes: 65_536,
  /** Header body bytes: fixed fields (≤ 48) + name (≤ 256) + hash (≤ 65) + TLV area, rounded up. */
  maxHeaderBody: 512 + 65_536,
  /** Sample rates (model and original), Hz. */
  maxSampleRate: 4_194_304,
  /** Hop (samples per frame at the model rate). */
  maxHop: 1_048_576,
  /** Original length in samples per channel. */
  maxOriginalLength: 2 ** 48 - 1,
  /** Frames in one chunk. */
  maxFramesPerChunk: 65_536,
  /** Code slots in one chunk: frames × channels × N_q. Bounds a chunk's decoded size (8 MiB). */
  maxSlotsPerChunk: 2 ** 21,
  /** Body bytes of one record. */
  maxRecordBody: 2 ** 24,
  /** Frames in a whole stream. */
  maxTotalFrames: 2 ** 40,
  /** TLV tag values. */
  maxTlvTag: 2 ** 32 - 1,
} as const;

/** Default frames per chunk (≈ 5.9 s at 44.1 kHz / hop 512); always within maxSlotsPerChunk. */
export const DEFAULT_FRAMES_PER_CHUNK = 512;

/** Largest frames-per-chunk allowed for `channels` × `nq`. */
export function maxFramesPerChunkFor(channels: number, nq: number): number {
  return Math.min(LIMITS.maxFramesPerChunk, Math.floor(LIMITS.maxSlotsPerChunk / (channels * nq)));
}
