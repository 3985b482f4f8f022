import type { AudioData } from '../audio-data.js';
import { AudioError } from '../errors.js';
import type { WavHeader } from './format.js';
import { alawTable, mulawTable } from './g711.js';

/**
 * Decodes `frameCount` frames starting at frame `startFrame` of a WAV file described by `header`.
 *
 * `bytes` holds the file from byte `bytesOffset` on (default 0: the whole file), so a caller can read
 * just a window of a long file: the bytes `[dataOffset + startFrame·blockAlign, … + frameCount·blockAlign)`.
 * The range is clamped to the frames the header declares (so fewer frames, possibly zero, come back
 * at the end of the file). Integer PCM maps full scale to [-1, 1) (8-bit is unsigned, centred on
 * 128); float samples pass through unchanged; NaN/±Infinity raise `AudioError('invalid_sample')`.
 */
export function decodeWavFrames(
  bytes: Uint8Array,
  header: WavHeader,
  startFrame: number,
  frameCount: number,
  bytesOffset = 0,
): AudioData {
  if (!Number.isInteger(startFrame) || startFrame < 0 || !Number.isInteger(frameCount) || frameCount < 0) {
    throw new AudioError('invalid_argument', `Frame range must be non-negative integers (got start ${startFrame}, count ${frameCount}).`);
  }
  const n = Math.max(0, Math.min(frameCount, header.frames - startFrame));
  const { channels: nch, blockAlign } = header;
  const first = header.dataOffset + startFrame * blockAlign - bytesOffset; // index into `bytes`
  if (n > 0 && (first < 0 || first + n * blockAlign > bytes.length)) {
    throw new AudioError(
      'truncated',
      `Frames ${startFrame}…${startFrame + n} lie outside the ${bytes.length} bytes given (file offset ${bytesOffset}).`,
    );
  }
  const out: Float32Array[] = [];
  for (let c = 0; c < nch; c++) out.push(new Float32Array(n));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bps = header.bitDepth / 8;
  for (let c = 0; c < nch; c++) {
    const ch = out[c];
    let p = first + c * bps;
    switch (header.format) {
      case 'pcm':
        if (bps === 1) for (let i = 0; i < n; i++, p += blockAlign) ch[i] = (bytes[p] - 128) / 128;
        else if (bps === 2) for (let i = 0; i < n; i++, p += blockAlign) ch[i] = view.getInt16(p, true) / 32768;
        else if (bps === 3)
          for (let i = 0; i < n; i++, p += blockAlign) {
            const v = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16);
            ch[i] = ((v << 8) >> 8) / 8388608; // sign-extend 24 → 32 bits
          }
        else for (let i = 0; i < n; i++, p += blockAlign) ch[i] = view.getInt32(p, true) / 2147483648;
        break;
      case 'float':
        if (bps === 4) for (let i = 0; i < n; i++, p += blockAlign) ch[i] = view.getFloat32(p, true);
        else for (let i = 0; i < n; i++, p += blockAlign) ch[i] = view.getFloat64(p, true);
        for (let i = 0; i < n; i++) {
          if (!Number.isFinite(ch[i])) {
            throw new AudioError(
              'invalid_sample',
              `WAV float sample ${ch[i]} at frame ${startFrame + i}, channel ${c}: audio must be finite.`,
            );
          }
        }
        break;
      case 'mulaw':
      case 'alaw': {
        const table = header.format === 'mulaw' ? mulawTable() : alawTable();
        for (let i = 0; i < n; i++, p += blockAlign) ch[i] = table[bytes[p]];
        break;
      }
    }
  }
  return { sampleRate: header.sampleRate, channels: out };
}
