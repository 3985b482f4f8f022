/** What a WAV file's header says about its samples (everything needed to read any frame). */
export type WavSampleFormat = 'pcm' | 'float' | 'alaw' | 'mulaw';

export interface WavHeader {
  /** Sample encoding: integer PCM (8-bit unsigned, else signed), IEEE float, or G.711 A-law/µ-law. */
  format: WavSampleFormat;
  sampleRate: number;
  channels: number;
  /** Bits per sample in the container: 8, 16, 24, 32 (pcm), 32/64 (float), 8 (alaw/mulaw). */
  bitDepth: number;
  /** Significant bits (≤ bitDepth); differs only for WAVE_FORMAT_EXTENSIBLE like 20-in-24. */
  validBits: number;
  /** Bytes per frame (all channels of one sample instant). */
  blockAlign: number;
  /** Byte offset of the first sample in the file. */
  dataOffset: number;
  /** Bytes of sample data, a whole number of frames, clamped to what the file holds. */
  dataBytes: number;
  /** Frames of audio: dataBytes / blockAlign. */
  frames: number;
  /** Speaker mask from WAVE_FORMAT_EXTENSIBLE; 0 when absent. */
  channelMask: number;
  /** Outer container: classic RIFF (< 4 GiB) or its 64-bit variants RF64 / BW64. */
  container: 'RIFF' | 'RF64' | 'BW64';
}

/** What a writer needs to know: the sample layout of the output. */
export interface WavWriteFormat {
  sampleRate: number;
  channels: number;
  /** 16, 24 or 32 for integer PCM; 32 for float. */
  bitDepth: 16 | 24 | 32;
  float: boolean;
}

export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
export const WAVE_FORMAT_ALAW = 0x0006;
export const WAVE_FORMAT_MULAW = 0x0007;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Bytes 4..15 of every KSDATAFORMAT_SUBTYPE_* GUID derived from a WAVE format tag (bytes 0..3). */
export const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Limits that keep a hostile header from requesting absurd work or memory. */
export const MAX_CHANNELS = 1024;
export const MAX_SAMPLE_RATE = 10_000_000;
