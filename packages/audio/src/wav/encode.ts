import type { AudioData } from '../audio-data.js';
import { AudioError } from '../errors.js';
import { encodeWavFrames } from './frames-write.js';
import { checkWriteFormat, wavHeader, wavHeaderSize } from './header-write.js';
import type { WavWriteFormat } from './format.js';

export interface EncodeWavOptions {
  /** 16 (default), 24 or 32 for integer PCM; float files are always 32-bit. */
  bitDepth?: 16 | 24 | 32;
  /** Write IEEE float samples instead of integers (lossless for Float32Array input). */
  float?: boolean;
}

/** Resolves `encodeWav` options to a full write format for `audio`. */
export function writeFormatOf(audio: Pick<AudioData, 'sampleRate' | 'channels'>, opts: EncodeWavOptions = {}): WavWriteFormat {
  const float = opts.float ?? false;
  const format: WavWriteFormat = {
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    bitDepth: opts.bitDepth ?? (float ? 32 : 16),
    float,
  };
  checkWriteFormat(format);
  return format;
}

/**
 * Encodes audio as a WAV file: 16-bit PCM by default (plain rounding, clipping, no dither), or 24/32-bit
 * PCM, or 32-bit float. More than two channels use WAVE_FORMAT_EXTENSIBLE.
 */
export function encodeWav(audio: AudioData, opts: EncodeWavOptions = {}): Uint8Array {
  if (audio.channels.length === 0) throw new AudioError('invalid_argument', 'Cannot write a WAV file without channels.');
  const format = writeFormatOf(audio, opts);
  const frames = audio.channels[0].length;
  const header = wavHeader(format, frames);
  const body = encodeWavFrames(audio.channels, format);
  const pad = body.length % 2;
  const out = new Uint8Array(wavHeaderSize(format) + body.length + pad);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}
