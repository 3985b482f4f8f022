import type { AudioData } from '../audio-data.js';
import { AudioError } from '../errors.js';
import { oggOpusPlaybackSamples } from './ogg-opus-length.js';
import type { AudioContainer } from './sniff.js';

/** What every wasm-audio-decoders decoder returns. */
interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  /** FLAC only: bits per sample of the stream. */
  bitDepth?: number;
  errors: { message: string }[];
}

const NAMES: Record<Exclude<AudioContainer, 'wav'>, string> = {
  flac: 'FLAC',
  'ogg-flac': 'Ogg FLAC',
  'ogg-vorbis': 'Ogg Vorbis',
  'ogg-opus': 'Ogg Opus',
  mp3: 'MP3',
};

/** Loads the decoder package lazily, so WAV-only users and bundles never load the wasm. */
async function load<T>(pkg: string, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (e) {
    throw new AudioError('decoder_unavailable', `The decoder package ${pkg} could not be loaded: ${(e as Error).message}`);
  }
}

async function run(container: Exclude<AudioContainer, 'wav'>, bytes: Uint8Array): Promise<Decoded> {
  switch (container) {
    case 'flac':
    case 'ogg-flac': {
      const { FLACDecoder } = await load('@wasm-audio-decoders/flac', () => import('@wasm-audio-decoders/flac'));
      const d = new FLACDecoder();
      await d.ready;
      try {
        return await d.decodeFile(bytes);
      } finally {
        d.free();
      }
    }
    case 'ogg-vorbis': {
      const { OggVorbisDecoder } = await load('@wasm-audio-decoders/ogg-vorbis', () => import('@wasm-audio-decoders/ogg-vorbis'));
      const d = new OggVorbisDecoder();
      await d.ready;
      try {
        return await d.decodeFile(bytes);
      } finally {
        d.free();
      }
    }
    case 'ogg-opus': {
      const { OggOpusDecoder } = await load('ogg-opus-decoder', () => import('ogg-opus-decoder'));
      const d = new OggOpusDecoder();
      await d.ready;
      try {
        return await d.decodeFile(bytes);
      } finally {
        d.free();
      }
    }
    case 'mp3': {
      const { MPEGDecoder } = await load('mpg123-decoder', () => import('mpg123-decoder'));
      const d = new MPEGDecoder();
      await d.ready;
      try {
        return d.decode(bytes);
      } finally {
        d.free();
      }
    }
  }
}

/**
 * The FLAC decoder divides b-bit integers by 2^(b−1) − 1; WAV convention (and `decodeWav`) divides by
 * 2^(b−1). Recover the integers (exact for b ≤ 24: float32 holds them to better than ±0.5) and rescale,
 * so a FLAC file decodes to exactly the samples of the WAV it was made from.
 */
function rescaleFlac(channels: Float32Array[], bitDepth: number): void {
  const down = 2 ** (bitDepth - 1) - 1;
  const up = 2 ** (bitDepth - 1);
  for (const ch of channels) {
    if (bitDepth <= 24) for (let i = 0; i < ch.length; i++) ch[i] = Math.round(ch[i] * down) / up;
    else for (let i = 0; i < ch.length; i++) ch[i] = (ch[i] * down) / up;
  }
}

/**
 * Decodes FLAC, Ogg (Vorbis / Opus / FLAC) or MP3 bytes with the wasm decoders of the
 * wasm-audio-decoders family. Opus always decodes at 48 kHz, trimmed to the stream's playback length.
 * FLAC samples are scaled like WAV (full scale 2^(b−1)). A stream with some corrupt frames
 * returns the audio that decoded; one that yields no audio at all raises `AudioError('decode_failed')`.
 */
export async function decodeCompressed(container: Exclude<AudioContainer, 'wav'>, bytes: Uint8Array): Promise<AudioData> {
  let r: Decoded;
  try {
    r = await run(container, bytes);
  } catch (e) {
    if (e instanceof AudioError) throw e;
    throw new AudioError('decode_failed', `${NAMES[container]} decoding failed: ${(e as Error).message}`);
  }
  let n = r.samplesDecoded;
  if (container === 'ogg-opus') n = Math.min(n, oggOpusPlaybackSamples(bytes) ?? n);
  if (n === 0 || r.channelData.length === 0 || !(r.sampleRate > 0)) {
    const why = r.errors.length > 0 ? `: ${r.errors[0].message}` : ' (no audio frames found)';
    throw new AudioError('decode_failed', `${NAMES[container]} decoding produced no audio${why}.`);
  }
  const channels = r.channelData.map((c) => (c.length === n ? c : c.slice(0, n)));
  if ((container === 'flac' || container === 'ogg-flac') && r.bitDepth !== undefined) rescaleFlac(channels, r.bitDepth);
  return { sampleRate: r.sampleRate, channels };
}
