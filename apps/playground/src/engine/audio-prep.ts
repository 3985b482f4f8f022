import { type AudioData, decodeAudio, resample, toMono } from '@vrvq/audio';
import { PlaygroundError } from '../errors.js';

/** Audio ready for the model: one mono signal at the model rate, and what the original was. */
export interface PreparedAudio {
  /** Mono at the model rate. */
  signal: Float32Array;
  originalSampleRate: number;
  /** Samples per channel of the original. */
  originalLength: number;
  originalChannels: number;
}

/** Where audio comes from: file bytes (WAV/FLAC/Ogg/MP3) or PCM the browser decoded (microphone). */
export type AudioSource = { kind: 'bytes'; bytes: Uint8Array; name: string } | { kind: 'pcm'; sampleRate: number; channels: Float32Array[] };

/** Decodes, mixes to mono and resamples to `modelRate`. */
export async function prepareAudio(source: AudioSource, modelRate: number): Promise<PreparedAudio> {
  let audio: AudioData;
  if (source.kind === 'bytes') {
    try {
      audio = await decodeAudio(source.bytes, source.name);
    } catch (e) {
      throw new PlaygroundError('BAD_INPUT', `${source.name}: ${(e as Error).message}`);
    }
  } else {
    audio = { sampleRate: source.sampleRate, channels: source.channels };
  }
  const n = audio.channels[0]?.length ?? 0;
  if (n === 0) throw new PlaygroundError('BAD_INPUT', 'The audio is empty.');
  const sr = Math.round(audio.sampleRate);
  const mono = toMono(audio);
  const signal = sr === modelRate ? mono : resample(mono, sr, modelRate);
  return { signal, originalSampleRate: sr, originalLength: n, originalChannels: audio.channels.length };
}

/** The model-rate signal back at the original rate and length (what a decoder writes to WAV). */
export function toOriginalRate(x: Float32Array, modelRate: number, originalRate: number, originalLength: number): Float32Array {
  const y = modelRate === originalRate ? x : resample(x, modelRate, originalRate);
  if (y.length === originalLength) return y;
  const out = new Float32Array(originalLength);
  out.set(y.subarray(0, Math.min(y.length, originalLength)));
  return out;
}
