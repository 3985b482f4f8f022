import type { AudioData } from '../audio-data.js';
import { AudioError } from '../errors.js';
import { decodeWav } from '../wav/decode.js';
import { decodeCompressed } from './compressed.js';
import { containerFromHint, sniffContainer } from './sniff.js';

/**
 * Decodes an audio file of any supported format. The format comes from the magic bytes (WAV, FLAC,
 * Ogg Vorbis / Opus / FLAC, MP3); `hint` (a file name or extension) is used only when the bytes are
 * inconclusive, e.g. an MP3 without ID3 tag whose first frame sync is not followed by a second.
 */
export async function decodeAudio(bytes: Uint8Array, hint?: string): Promise<AudioData> {
  if (bytes.length === 0) throw new AudioError('empty_input', 'The input is empty (0 bytes).');
  const container = sniffContainer(bytes, hint) ?? (containerFromHint(hint) === 'mp3' ? 'mp3' : undefined);
  if (container === undefined) {
    if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'OggS') {
      throw new AudioError('unsupported_format', 'Ogg stream with a codec other than Vorbis, Opus or FLAC.');
    }
    const hinted = hint ? ` (hint "${hint}")` : '';
    throw new AudioError('unknown_format', `Unrecognised audio data${hinted}: expected WAV, FLAC, Ogg Vorbis/Opus or MP3.`);
  }
  if (container === 'wav') return decodeWav(bytes);
  return decodeCompressed(container, bytes);
}
