import type { AudioData } from './audio-data.js';
import { AudioError } from './errors.js';

/** Averages all channels into one (a copy even for mono input). */
export function toMono(audio: AudioData): Float32Array {
  const chs = audio.channels;
  if (chs.length === 0) throw new AudioError('invalid_argument', 'Cannot mix down audio without channels.');
  const n = chs[0].length;
  for (const c of chs) {
    if (c.length !== n) throw new AudioError('invalid_argument', `Channels have different lengths (${n} and ${c.length}).`);
  }
  if (chs.length === 1) return chs[0].slice();
  const out = new Float32Array(n);
  const acc = new Float64Array(n);
  for (const c of chs) for (let i = 0; i < n; i++) acc[i] += c[i];
  const inv = 1 / chs.length;
  for (let i = 0; i < n; i++) out[i] = acc[i] * inv;
  return out;
}
