/**
 * The frames of one channel. Frame t keeps its first `counts[t]` quantizer levels; `codes` holds
 * those level indices packed ("ragged"): frame 0's levels 0..n[0]−1, then frame 1's, and so on.
 *
 *   counts: [T]          values in 1..N_q
 *   codes:  [Σ_t n[t]]   values in 0..codebookSize−1
 */
export interface ChannelFrames {
  counts: Uint8Array;
  codes: Int32Array;
}

/** How chunk payloads are coded: fixed-width fields, or adaptive range coding (falls back to raw per chunk). */
export type Coding = 'raw' | 'entropy';

/**
 * Rate mode. VBR transmits a count per frame; `level` is the scaling factor ℓ of s[t] = ℓ·N_q·p[t]
 * (stored as float32). CBR transmits no counts: every frame keeps `n` levels.
 */
export type RateMode = { mode: 'vbr'; level: number } | { mode: 'cbr'; n: number };

/** One optional metadata entry of the header's TLV area. Unknown tags are kept and may be ignored. */
export interface TlvEntry {
  tag: number;
  value: Uint8Array;
}

/** Registered TLV tags of format version 1 (values are UTF-8 text). */
export const TLV_TAGS = {
  /** Software that wrote the stream, e.g. "vrvq-cli 0.1.0". */
  encoder: 1,
  /** Free-form comment. */
  comment: 2,
} as const;

/** Everything a writer needs to produce a header. */
export interface HeaderInput {
  /** Model identity: preset/model name, UTF-8, at most 255 bytes. */
  modelName: string;
  /** Model identity: digest of the weights file (e.g. first 16 bytes of SHA-256), 0..64 bytes. */
  weightsHash?: Uint8Array;
  /** Sample rate of the model in Hz (integer). */
  sampleRate: number;
  /** Samples per frame at the model rate. */
  hop: number;
  /** Number of quantizer levels N_q (1..64). */
  nq: number;
  /** Codebook size, a power of two from 2 to 65536 (bits per code = log2). */
  codebookSize: number;
  /** Channels, each coded as its own stream of frames inside every chunk (1..64). */
  channels: number;
  /** Sample rate of the original input in Hz; defaults to `sampleRate`. */
  originalSampleRate?: number;
  /**
   * Length of the original input in samples per channel, or null when not known yet (a live
   * stream); a writer may then give it to `finish`, which stores it in the end record.
   */
  originalLength: number | null;
  rate: RateMode;
  /** Gain in dB the encoder applied to its input; a decoder applies −inputGainDb. Float32; default 0. */
  inputGainDb?: number;
  /** Optional TLV metadata, in order. */
  metadata?: TlvEntry[];
}

/** A parsed header (every field resolved). */
export interface StreamHeader extends Required<HeaderInput> {
  version: { major: number; minor: number };
  /** Whether chunks may be entropy-coded ('entropy') or are all raw ('raw'). */
  coding: Coding;
}
