import { describe, expect, it } from 'vitest';
import { AudioError } from '../errors.js';
import { decodeWav } from './decode.js';
import { encodeWav } from './encode.js';
import { decodeWavFrames } from './frames-read.js';
import { parseWavHeader } from './header-parse.js';

/** Builds a RIFF/WAVE file from raw chunks (pads odd chunks, as the format requires). */
function riff(chunks: [string, Uint8Array][], magic = 'RIFF'): Uint8Array {
  const parts: number[] = [];
  const push4 = (s: string) => parts.push(...Array.from(s, (ch) => ch.charCodeAt(0)));
  const u32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  push4(magic);
  u32(0); // patched below
  push4('WAVE');
  for (const [id, body] of chunks) {
    push4(id);
    u32(body.length);
    parts.push(...body);
    if (body.length % 2) parts.push(0);
  }
  const out = new Uint8Array(parts);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}

function fmt(tag: number, channels: number, rate: number, bits: number, blockAlign = (channels * bits) / 8): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setUint16(0, tag, true);
  v.setUint16(2, channels, true);
  v.setUint32(4, rate, true);
  v.setUint32(8, rate * blockAlign, true);
  v.setUint16(12, blockAlign, true);
  v.setUint16(14, bits, true);
  return b;
}

function int16(...xs: number[]): Uint8Array {
  const b = new Uint8Array(xs.length * 2);
  for (const [i, x] of xs.entries()) new DataView(b.buffer).setInt16(2 * i, x, true);
  return b;
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AudioError);
    return (e as AudioError).code;
  }
  throw new Error('expected an AudioError, got none');
}

describe('WAV chunk walking', () => {
  it('skips unknown chunks, including odd-sized ones with their pad byte, before and after fmt', () => {
    const odd = new Uint8Array([1, 2, 3]);
    const bytes = riff([['junk', odd], ['fmt ', fmt(1, 1, 8000, 16)], ['bext', new Uint8Array(5)], ['data', int16(100, -200, 300)]]);
    const audio = decodeWav(bytes);
    expect(Array.from(audio.channels[0], (x) => x * 32768)).toEqual([100, -200, 300]);
  });

  it('reads a data chunk that precedes the fmt chunk', () => {
    const bytes = riff([['data', int16(7, 8)], ['fmt ', fmt(1, 2, 8000, 16)]]);
    const audio = decodeWav(bytes);
    expect(audio.channels.map((c) => c[0] * 32768)).toEqual([7, 8]);
  });

  it('reads 12-bit samples in 16-bit containers and ignores a trailing partial frame', () => {
    const data = new Uint8Array([...int16(16, -32768, 32752), 0x55]);
    const audio = decodeWav(riff([['fmt ', fmt(1, 1, 8000, 12, 2)], ['data', data]]));
    expect(Array.from(audio.channels[0], (x) => x * 32768)).toEqual([16, -32768, 32752]);
  });

  it('clamps a data size larger than the file (a cut-off recording) without a giant allocation', () => {
    const bytes = riff([['fmt ', fmt(1, 1, 8000, 16)], ['data', int16(1, 2, 3, 4)]]);
    new DataView(bytes.buffer).setUint32(40, 0xfffffff0, true); // declared ≈ 4 GiB
    const h = parseWavHeader(bytes);
    expect(h.frames).toBe(4);
    expect(decodeWav(bytes).channels[0].length).toBe(4);
  });
});

describe('bad WAV input gives AudioError with a code', () => {
  const good = encodeWav({ sampleRate: 16000, channels: [new Float32Array([0.1, 0.2, 0.3])] });

  it('empty, non-audio, truncated', () => {
    expect(code(() => decodeWav(new Uint8Array(0)))).toBe('empty_input');
    expect(code(() => decodeWav(new TextEncoder().encode('hello, this is not a wav file at all')))).toBe('unknown_format');
    expect(code(() => decodeWav(good.subarray(0, 8)))).toBe('truncated');
    expect(code(() => decodeWav(good.subarray(0, 24)))).toBe('truncated'); // inside fmt
    expect(code(() => decodeWav(good.subarray(0, 38)))).toBe('truncated'); // before data
    expect(() => decodeWav(good.subarray(0, 30))).toThrow(/fmt chunk is cut off/);
  });

  it('impossible header fields', () => {
    expect(code(() => decodeWav(riff([['fmt ', fmt(1, 0, 8000, 16, 2)], ['data', int16(1)]])))).toBe('invalid_header');
    expect(() => decodeWav(riff([['fmt ', fmt(1, 0, 8000, 16, 2)], ['data', int16(1)]]))).toThrow(/zero channels/);
    expect(code(() => decodeWav(riff([['fmt ', fmt(1, 1, 0, 16)], ['data', int16(1)]])))).toBe('invalid_header');
    expect(code(() => decodeWav(riff([['fmt ', fmt(1, 60000, 8000, 8, 60000)], ['data', int16(1)]])))).toBe('too_large');
    expect(code(() => decodeWav(riff([['fmt ', fmt(1, 2, 8000, 16, 3)], ['data', int16(1)]])))).toBe('invalid_header');
    expect(code(() => decodeWav(riff([['fmt ', fmt(1, 1, 8000, 16, 4)], ['data', int16(1)]])))).toBe('invalid_header');
    expect(code(() => decodeWav(riff([['fmt ', new Uint8Array(10)], ['data', int16(1)]])))).toBe('invalid_header');
  });

  it('unsupported encodings and containers', () => {
    expect(() => decodeWav(riff([['fmt ', fmt(2, 1, 8000, 4, 256)], ['data', int16(1)]]))).toThrow(/MS ADPCM/);
    expect(code(() => decodeWav(riff([['fmt ', fmt(3, 1, 8000, 16)], ['data', int16(1)]])))).toBe('unsupported_format');
    expect(code(() => decodeWav(riff([['fmt ', fmt(1, 1, 8000, 16)], ['data', int16(1)]], 'RIFX')))).toBe('unsupported_format');
    const ext = encodeWav({ sampleRate: 8000, channels: [0, 1, 2].map(() => new Float32Array(2)) });
    ext[20 + 8 + 30] ^= 0xff; // corrupt the sub-format GUID
    expect(code(() => decodeWav(ext))).toBe('unsupported_format');
  });

  it('NaN and Infinity in float data', () => {
    const bytes = encodeWav({ sampleRate: 8000, channels: [new Float32Array([0.5, 0.25, 0])] }, { float: true });
    const v = new DataView(bytes.buffer);
    const dataAt = bytes.length - 12;
    v.setFloat32(dataAt + 4, Number.NaN, true);
    expect(code(() => decodeWav(bytes))).toBe('invalid_sample');
    expect(() => decodeWav(bytes)).toThrow(/NaN at frame 1, channel 0/);
    v.setFloat32(dataAt + 4, Number.POSITIVE_INFINITY, true);
    expect(code(() => decodeWav(bytes))).toBe('invalid_sample');
  });

  it('decodeWavFrames checks its range', () => {
    const h = parseWavHeader(good);
    expect(code(() => decodeWavFrames(good, h, -1, 2))).toBe('invalid_argument');
    expect(code(() => decodeWavFrames(good, h, 0, 1.5))).toBe('invalid_argument');
    expect(code(() => decodeWavFrames(good.subarray(0, 46), h, 0, 3))).toBe('truncated');
    expect(decodeWavFrames(good, h, 2, 100).channels[0].length).toBe(1);
    expect(decodeWavFrames(good, h, 10, 100).channels[0].length).toBe(0);
  });
});
