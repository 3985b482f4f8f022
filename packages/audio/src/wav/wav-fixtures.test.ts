import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../testing/signals.js';
import { decodeWav } from './decode.js';
import { parseWavHeader } from './header-parse.js';

// Files written by sox 14.4 and ffmpeg 5.1 from fixtures/clip.wav (3 channels, 22050 Hz, 1103 frames,
// 16-bit WAVE_FORMAT_EXTENSIBLE); see fixtures/README.md for the exact commands.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const reference = decodeWav(fixture('clip.wav'));

describe('WAV files written by sox and ffmpeg', () => {
  it('reference clip: 3 channels, 22050 Hz, 1103 frames, channel 2 = (ch0 + ch1)/2 to rounding', () => {
    expect(reference.sampleRate).toBe(22050);
    expect(reference.channels.map((c) => c.length)).toEqual([1103, 1103, 1103]);
    const [a, b, m] = reference.channels;
    for (let i = 0; i < 1103; i++) expect(Math.abs(m[i] - (a[i] + b[i]) / 2)).toBeLessThanOrEqual(1 / 32768);
  });

  // [file, expected header fields, tolerance vs the 16-bit reference]
  const cases: [string, Partial<ReturnType<typeof parseWavHeader>>, number][] = [
    ['sox-s24.wav', { format: 'pcm', bitDepth: 24 }, 0], // 16 → 24/32 bits and float is exact
    ['sox-s32.wav', { format: 'pcm', bitDepth: 32 }, 0],
    ['sox-f32.wav', { format: 'float', bitDepth: 32 }, 0],
    ['sox-f64.wav', { format: 'float', bitDepth: 64 }, 0],
    ['sox-u8.wav', { format: 'pcm', bitDepth: 8 }, 1 / 256 + 1e-6], // rounding to 8 bits
    ['sox-ulaw.wav', { format: 'mulaw', bitDepth: 8 }, 1 / 32], // G.711 step near full scale: 1024/32768
    ['sox-alaw.wav', { format: 'alaw', bitDepth: 8 }, 1 / 32],
    ['ffmpeg-list.wav', { format: 'pcm', bitDepth: 16 }, 0], // LIST/INFO chunk before data
    ['ffmpeg-rf64.wav', { format: 'pcm', bitDepth: 24, container: 'RF64' }, 0], // ds64 sizes
    ['ffmpeg-pipe.wav', { format: 'pcm', bitDepth: 16 }, 0], // streamed: sizes 0xFFFFFFFF
  ];
  for (const [name, fields, tol] of cases) {
    it(`${name} decodes to the reference (tolerance ${tol.toPrecision(3)})`, () => {
      const bytes = fixture(name);
      const h = parseWavHeader(bytes);
      expect(h).toMatchObject({ ...fields, channels: 3, sampleRate: 22050, frames: 1103 });
      const audio = decodeWav(bytes);
      expect(audio.sampleRate).toBe(22050);
      for (let c = 0; c < 3; c++) expect(maxAbsDiff(audio.channels[c], reference.channels[c])).toBeLessThanOrEqual(tol);
    });
  }

  it('µ-law and A-law expand to exactly the 16-bit values sox decodes them to', () => {
    for (const law of ['ulaw', 'alaw']) {
      const ours = decodeWav(fixture(`sox-${law}.wav`));
      const sox = decodeWav(fixture(`sox-${law}-as-s16.wav`));
      for (let c = 0; c < 3; c++) expect(maxAbsDiff(ours.channels[c], sox.channels[c])).toBe(0);
      expect(new Set(ours.channels[0]).size).toBeGreaterThan(50); // many distinct levels exercised
    }
  });
});
