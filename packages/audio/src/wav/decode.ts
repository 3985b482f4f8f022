import type { AudioData } from '../audio-data.js';
import { decodeWavFrames } from './frames-read.js';
import { parseWavHeader } from './header-parse.js';

/**
 * Decodes a whole WAV file: integer PCM 8 (unsigned) / 16 / 24 / 32 bits, IEEE float 32 / 64,
 * G.711 A-law / µ-law, plain or WAVE_FORMAT_EXTENSIBLE, RIFF / RF64 / BW64, any channel count.
 * Throws `AudioError` on anything it cannot read.
 */
export function decodeWav(bytes: Uint8Array): AudioData {
  const header = parseWavHeader(bytes);
  return decodeWavFrames(bytes, header, 0, header.frames);
}
