import { describe, expect, it } from 'vitest';
import { AudioError } from '../errors.js';
import { maxAbsDiff, noise, sine } from '../testing/signals.js';
import { decodeWav } from './decode.js';
import { encodeWav } from './encode.js';
import { parseWavHeader } from './header-parse.js';

function testAudio(channels: number, frames: number, rate = 16000) {
  const chs: Float32Array[] = [];
  for (let c = 0; c < channels; c++) {
    const x = noise(frames, 0.9, 100 + c);
    const s = sine(frames, 220 * (c + 1), rate, 0.09);
    for (let i = 0; i < frames; i++) x[i] += s[i]; // within ±0.99
    chs.push(x);
  }
  return { sampleRate: rate, channels: chs };
}

describe('encodeWav → decodeWav round trip', () => {
  for (const channels of [1, 2, 3]) {
    // Odd frame count: 24-bit mono and 3-channel data are odd-sized and need the pad byte.
    const audio = testAudio(channels, 1001);

    it(`float32, ${channels} ch: exact`, () => {
      const bytes = encodeWav(audio, { float: true });
      const back = decodeWav(bytes);
      expect(back.sampleRate).toBe(16000);
      expect(back.channels.length).toBe(channels);
      for (let c = 0; c < channels; c++) expect(back.channels[c]).toEqual(audio.channels[c]);
      const h = parseWavHeader(bytes);
      expect(h.format).toBe('float');
      expect(h.frames).toBe(1001);
    });

    for (const bitDepth of [16, 24, 32] as const) {
      it(`${bitDepth}-bit PCM, ${channels} ch: within half a quantisation step, and stable`, () => {
        const bytes = encodeWav(audio, { bitDepth });
        expect(bytes.length % 2).toBe(0); // RIFF chunks are word-aligned
        const back = decodeWav(bytes);
        const step = 2 ** -(bitDepth - 1);
        for (let c = 0; c < channels; c++) {
          // Float32 input carries 24 bits, so 32-bit PCM is limited by the input's own rounding.
          expect(maxAbsDiff(back.channels[c], audio.channels[c])).toBeLessThanOrEqual(step / 2 + 2 ** -25);
          // 16/24 bits really quantise a float32 signal; 32 bits keep all 24 mantissa bits above 2^-8.
          if (bitDepth < 32) expect(maxAbsDiff(back.channels[c], audio.channels[c])).toBeGreaterThan(step / 4);
        }
        // Decoded integers re-encode to the identical file.
        expect(encodeWav(back, { bitDepth })).toEqual(bytes);
        const h = parseWavHeader(bytes);
        expect([h.format, h.bitDepth, h.channels, h.frames]).toEqual(['pcm', bitDepth, channels, 1001]);
      });
    }
  }

  it('defaults to 16-bit PCM with a canonical 44-byte header for mono/stereo', () => {
    const bytes = encodeWav(testAudio(2, 10));
    expect(bytes.length).toBe(44 + 10 * 4);
    expect(new TextDecoder().decode(bytes.subarray(36, 40))).toBe('data');
    expect(parseWavHeader(bytes).bitDepth).toBe(16);
  });

  it('rounds to the nearest integer and clips out-of-range samples', () => {
    const x = new Float32Array([0, 1, -1, 1.5, -1.5, 0.5 / 32768 + 1e-7, -0.6 / 32768, 100 / 32768]);
    const bytes = encodeWav({ sampleRate: 8000, channels: [x] });
    const v = new DataView(bytes.buffer, 44);
    const ints = Array.from({ length: x.length }, (_, i) => v.getInt16(2 * i, true));
    expect(ints).toEqual([0, 32767, -32768, 32767, -32768, 1, -1, 100]);
  });

  it('rejects NaN and bad formats when encoding', () => {
    const bad = new Float32Array([0, Number.NaN]);
    expect(() => encodeWav({ sampleRate: 8000, channels: [bad] })).toThrowError(AudioError);
    expect(() => encodeWav({ sampleRate: 8000, channels: [bad] }, { float: true })).toThrow(/frame 1, channel 0/);
    expect(() => encodeWav({ sampleRate: 8000, channels: [] })).toThrow(/without channels/);
    expect(() => encodeWav({ sampleRate: 44100.5, channels: [new Float32Array(1)] })).toThrow(/positive integer/);
    expect(() => encodeWav({ sampleRate: 8000, channels: [new Float32Array(2), new Float32Array(3)] })).toThrow(/different lengths/);
    expect(() => encodeWav({ sampleRate: 8000, channels: [new Float32Array(2)] }, { float: true, bitDepth: 16 })).toThrow(/32-bit/);
  });

  it('writes WAVE_FORMAT_EXTENSIBLE headers for 3+ channels that declare the real frame count', () => {
    const bytes = encodeWav(testAudio(3, 7), { bitDepth: 24 });
    const v = new DataView(bytes.buffer);
    expect(v.getUint16(20, true)).toBe(0xfffe);
    expect(v.getUint32(4, true)).toBe(bytes.length - 8);
    expect(parseWavHeader(bytes).validBits).toBe(24);
  });
});
