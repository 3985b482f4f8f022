import { AudioError } from '../errors.js';
import {
  MAX_CHANNELS,
  MAX_SAMPLE_RATE,
  SUBFORMAT_GUID_TAIL,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_IEEE_FLOAT,
  WAVE_FORMAT_PCM,
  type WavWriteFormat,
} from './format.js';

/** Size written for RIFF and data when the length is not known yet (streaming output). */
export const UNKNOWN_SIZE = 0xffffffff;

/** Checks a write format and fills defaults; throws `AudioError('invalid_argument')`. */
export function checkWriteFormat(f: WavWriteFormat): void {
  if (!Number.isInteger(f.sampleRate) || f.sampleRate < 1 || f.sampleRate > MAX_SAMPLE_RATE) {
    throw new AudioError('invalid_argument', `Sample rate must be a positive integer (WAV stores it as one), got ${f.sampleRate}.`);
  }
  if (!Number.isInteger(f.channels) || f.channels < 1 || f.channels > MAX_CHANNELS) {
    throw new AudioError('invalid_argument', `Channel count must be 1…${MAX_CHANNELS}, got ${f.channels}.`);
  }
  if (f.float ? f.bitDepth !== 32 : f.bitDepth !== 16 && f.bitDepth !== 24 && f.bitDepth !== 32) {
    throw new AudioError(
      'invalid_argument',
      f.float ? `Float WAV is written as 32-bit, got bitDepth ${f.bitDepth}.` : `Integer WAV bit depth must be 16, 24 or 32, got ${f.bitDepth}.`,
    );
  }
}

/** WAVE_FORMAT_EXTENSIBLE is used for more than two channels; float files also get a fact chunk. */
function layout(f: WavWriteFormat): { extensible: boolean; fmtSize: number; fact: boolean } {
  const extensible = f.channels > 2;
  return { extensible, fmtSize: extensible ? 40 : f.float ? 18 : 16, fact: extensible || f.float };
}

/** Bytes before the first sample in a file written by `wavHeader` for this format (44, 58 or 80). */
export function wavHeaderSize(format: WavWriteFormat): number {
  const l = layout(format);
  return 12 + 8 + l.fmtSize + (l.fact ? 12 : 0) + 8;
}

/**
 * The header of a WAV file holding `frames` frames in `format`, to be followed directly by the
 * sample bytes (`encodeWavFrames`). With `frames` omitted the sizes are written as 0xFFFFFFFF
 * ("until end of file", as streaming tools do); a seekable writer patches them afterwards by writing
 * a second header with the final frame count over the first one (it has the same length).
 */
export function wavHeader(format: WavWriteFormat, frames?: number): Uint8Array {
  checkWriteFormat(format);
  const { extensible, fmtSize, fact } = layout(format);
  const size = wavHeaderSize(format);
  const blockAlign = format.channels * (format.bitDepth / 8);
  let dataBytes = UNKNOWN_SIZE;
  let riffBytes = UNKNOWN_SIZE;
  if (frames !== undefined) {
    if (!Number.isInteger(frames) || frames < 0) throw new AudioError('invalid_argument', `Frame count must be a non-negative integer, got ${frames}.`);
    dataBytes = frames * blockAlign;
    riffBytes = size - 8 + dataBytes + (dataBytes % 2);
    if (riffBytes >= UNKNOWN_SIZE) {
      throw new AudioError('too_large', `${dataBytes} bytes of audio do not fit in a RIFF WAV file (limit 4 GiB); split the output.`);
    }
  }
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, riffBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, fmtSize, true);
  const tag = format.float ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM;
  v.setUint16(20, extensible ? WAVE_FORMAT_EXTENSIBLE : tag, true);
  v.setUint16(22, format.channels, true);
  v.setUint32(24, format.sampleRate, true);
  v.setUint32(28, format.sampleRate * blockAlign, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, format.bitDepth, true);
  let at = 36;
  if (fmtSize >= 18) {
    v.setUint16(36, fmtSize - 18, true); // cbSize
    at = 38;
  }
  if (extensible) {
    v.setUint16(38, format.bitDepth, true); // valid bits
    v.setUint32(40, 0, true); // channel mask: no speaker assignment
    v.setUint32(44, tag, true); // sub-format GUID = tag + standard tail
    out.set(SUBFORMAT_GUID_TAIL, 48);
    at = 60;
  }
  if (fact) {
    ascii(at, 'fact');
    v.setUint32(at + 4, 4, true);
    v.setUint32(at + 8, frames ?? UNKNOWN_SIZE, true);
    at += 12;
  }
  ascii(at, 'data');
  v.setUint32(at + 4, dataBytes, true);
  return out;
}
