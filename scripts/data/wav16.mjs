// 16-bit mono WAV files: the format of every file the builder writes.
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes an Int16Array as a canonical 44-byte-header mono WAV. */
export function writeWav16(path, samples, rate) {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([h, data]));
}

/** Reads a 16-bit mono PCM WAV (as written by writeWav16 or ffmpeg): { rate, samples }. */
export function readWav16(path) {
  const b = readFileSync(path);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let pos = 12;
  let rate = 0;
  while (pos + 8 <= b.length) {
    const id = b.toString('ascii', pos, pos + 4);
    const size = b.readUInt32LE(pos + 4);
    if (id === 'fmt ') {
      if (b.readUInt16LE(pos + 8) !== 1 || b.readUInt16LE(pos + 10) !== 1 || b.readUInt16LE(pos + 22) !== 16) {
        throw new Error(`${path}: expected 16-bit mono PCM`);
      }
      rate = b.readUInt32LE(pos + 12);
    } else if (id === 'data') {
      const n = Math.floor(Math.min(size, b.length - pos - 8) / 2);
      const start = b.byteOffset + pos + 8;
      return { rate, samples: new Int16Array(b.buffer.slice(start, start + 2 * n)) }; // little-endian host
    }
    pos += 8 + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}

/** RMS and peak level in dBFS (−Infinity for digital silence). */
export function levels(samples) {
  let sum = 0;
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    sum += v * v;
    const a = v < 0 ? -v : v;
    if (a > peak) peak = a;
  }
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  return { rmsDb: 20 * Math.log10(rms / 32768), peakDb: 20 * Math.log10(peak / 32768) };
}

/** Float samples in [-1, 1] → Int16 with rounding and clipping. */
export function toInt16(x) {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768)));
  return out;
}

/**
 * Cuts a signal into pieces of at most maxLen samples of (nearly) equal length, so no tiny remainder
 * is left over: returns [start, end) pairs.
 */
export function pieces(length, maxLen) {
  const n = Math.max(1, Math.ceil(length / maxLen));
  const out = [];
  for (let i = 0; i < n; i++) out.push([Math.floor((i * length) / n), Math.floor(((i + 1) * length) / n)]);
  return out;
}
