import { AudioError } from '../errors.js';
import type { WavWriteFormat } from './format.js';

function badSample(x: number, frame: number, channel: number): AudioError {
  return new AudioError('invalid_sample', `Cannot write sample ${x} at frame ${frame}, channel ${channel}: audio must be finite.`);
}

/**
 * Interleaves and encodes frames as WAV sample bytes (little-endian). Integers are
 * `round(x · 2^(bits−1))` clipped to the integer range (no dither); float is written as is.
 * All channels must have the same length; non-finite samples raise `AudioError('invalid_sample')`.
 * `firstFrame` only numbers frames in error messages.
 */
export function encodeWavFrames(channels: Float32Array[], format: Pick<WavWriteFormat, 'bitDepth' | 'float'>, firstFrame = 0): Uint8Array {
  const nch = channels.length;
  const n = nch > 0 ? channels[0].length : 0;
  for (const ch of channels) {
    if (ch.length !== n) throw new AudioError('invalid_argument', `Channels have different lengths (${n} and ${ch.length}).`);
  }
  const bps = format.bitDepth / 8;
  const blockAlign = nch * bps;
  const out = new Uint8Array(n * blockAlign);
  const view = new DataView(out.buffer);
  const scale = 2 ** (format.bitDepth - 1);
  const lo = -scale;
  const hi = scale - 1;
  for (let c = 0; c < nch; c++) {
    const ch = channels[c];
    let p = c * bps;
    if (format.float) {
      for (let i = 0; i < n; i++, p += blockAlign) {
        const x = ch[i];
        if (!Number.isFinite(x)) throw badSample(x, firstFrame + i, c);
        view.setFloat32(p, x, true);
      }
      continue;
    }
    for (let i = 0; i < n; i++, p += blockAlign) {
      const x = ch[i];
      if (!Number.isFinite(x)) throw badSample(x, firstFrame + i, c);
      const q = Math.min(hi, Math.max(lo, Math.round(x * scale)));
      if (bps === 2) view.setInt16(p, q, true);
      else if (bps === 4) view.setInt32(p, q, true);
      else {
        out[p] = q & 0xff;
        out[p + 1] = (q >> 8) & 0xff;
        out[p + 2] = (q >> 16) & 0xff;
      }
    }
  }
  return out;
}
