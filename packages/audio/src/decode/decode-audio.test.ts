import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AudioError } from '../errors.js';
import { fitSine, maxAbsDiff } from '../testing/signals.js';
import { decodeWav } from '../wav/decode.js';
import { decodeAudio } from './decode-audio.js';
import { sniffContainer } from './sniff.js';

// fixtures/ref-stereo.wav: 22050 Hz, 0.3 s, left 440 Hz, right 660 Hz, both at amplitude 0.5; the
// compressed fixtures were encoded from it by flac, oggenc, opusenc and lame (fixtures/README.md).
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const ref = decodeWav(fixture('ref-stereo.wav'));

/** Checks each channel is its sine (frequency from the fit residual, amplitude within tolerance). */
function expectTones(channels: Float32Array[], rate: number, ampTolDb: number, residual: number) {
  expect(channels.length).toBe(2);
  const n = channels[0].length;
  // Skip the codec's start-up and tail; fit on the middle.
  const from = Math.floor(n * 0.2);
  const to = Math.floor(n * 0.8);
  for (const [c, f] of [
    [0, 440],
    [1, 660],
  ]) {
    const fit = fitSine(channels[c], f, rate, from, to);
    expect(Math.abs(20 * Math.log10(fit.amplitude / 0.5))).toBeLessThan(ampTolDb);
    expect(fit.residualRms).toBeLessThan(residual);
    // The other channel's tone is not here: channels are in the right order.
    expect(fitSine(channels[c], c === 0 ? 660 : 440, rate, from, to).amplitude).toBeLessThan(0.02);
  }
}

describe('decodeAudio', () => {
  it('WAV goes through decodeWav', async () => {
    const a = await decodeAudio(fixture('ref-stereo.wav'));
    expect(a.channels[0]).toEqual(ref.channels[0]);
    expect(sniffContainer(fixture('ffmpeg-rf64.wav'))).toBe('wav');
  });

  it('FLAC and Ogg FLAC are lossless: identical to the source WAV', async () => {
    for (const name of ['tone.flac', 'tone-ogg.flac.oga']) {
      const a = await decodeAudio(fixture(name));
      expect(a.sampleRate).toBe(22050);
      expect(a.channels.length).toBe(2);
      for (let c = 0; c < 2; c++) expect(maxAbsDiff(a.channels[c], ref.channels[c])).toBe(0);
    }
    // 24-bit, 3 channels (sox): equal to sox's 24-bit WAV of the same clip.
    const flac24 = await decodeAudio(fixture('clip-s24.flac'));
    const wav24 = decodeWav(fixture('sox-s24.wav'));
    expect(flac24.channels.length).toBe(3);
    for (let c = 0; c < 3; c++) expect(maxAbsDiff(flac24.channels[c], wav24.channels[c])).toBe(0);
    expect(sniffContainer(fixture('tone.flac'))).toBe('flac');
    expect(sniffContainer(fixture('tone-ogg.flac.oga'))).toBe('ogg-flac');
  });

  it('Ogg Vorbis: same rate and length, tones within 0.5 dB', async () => {
    const bytes = fixture('tone.ogg');
    expect(sniffContainer(bytes)).toBe('ogg-vorbis');
    const a = await decodeAudio(bytes);
    expect(a.sampleRate).toBe(22050);
    expect(a.channels[0].length).toBe(6615);
    expectTones(a.channels, 22050, 0.5, 0.01);
  });

  it('Ogg Opus: decoded at 48 kHz, trimmed to exactly 0.3 s (granule − pre-skip), tones within 0.5 dB', async () => {
    const bytes = fixture('tone.opus');
    expect(sniffContainer(bytes)).toBe('ogg-opus');
    const a = await decodeAudio(bytes);
    expect(a.sampleRate).toBe(48000);
    expect(a.channels[0].length).toBe(14400);
    expectTones(a.channels, 48000, 0.5, 0.02);
  });

  it('MP3, with and without an ID3v2 tag: tones within 0.5 dB, gapless length', async () => {
    for (const name of ['tone.mp3', 'tone-id3.mp3']) {
      const bytes = fixture(name);
      expect(sniffContainer(bytes)).toBe('mp3');
      const a = await decodeAudio(bytes);
      expect(a.sampleRate).toBe(22050);
      // LAME's gapless info trims encoder delay and padding: within one granule of the source.
      expect(Math.abs(a.channels[0].length - 6615)).toBeLessThanOrEqual(576);
      expectTones(a.channels, 22050, 0.5, 0.03);
    }
  });

  it('rejects empty, unknown and corrupt input with AudioError codes', async () => {
    await expect(decodeAudio(new Uint8Array(0))).rejects.toMatchObject({ code: 'empty_input' });
    await expect(decodeAudio(new TextEncoder().encode('%PDF-1.4 not audio'))).rejects.toMatchObject({ code: 'unknown_format' });
    await expect(decodeAudio(new Uint8Array(1000).fill(7), 'x.wav')).rejects.toMatchObject({ code: 'unknown_format' });
    // A FLAC signature followed by garbage: recognised, but nothing decodes.
    const badFlac = new Uint8Array(2000);
    badFlac.set(new TextEncoder().encode('fLaC'));
    await expect(decodeAudio(badFlac)).rejects.toBeInstanceOf(AudioError);
    await expect(decodeAudio(badFlac)).rejects.toMatchObject({ code: 'decode_failed' });
    // An Ogg page of an unsupported codec.
    const ogg = fixture('tone.ogg').slice();
    ogg.set(new TextEncoder().encode('\x01theora'), 28);
    await expect(decodeAudio(ogg)).rejects.toThrow(/Ogg stream/);
    // An MP3 cut inside its first frame (40 bytes) fails cleanly.
    const cut = fixture('tone.mp3').subarray(0, 40);
    await expect(decodeAudio(cut, 'cut.mp3')).rejects.toMatchObject({ code: 'decode_failed' });
  });

  it('uses the hint only for MP3 without a recognisable start', async () => {
    const mp3 = fixture('tone.mp3');
    const junk = new Uint8Array([0, 0, 0, ...mp3]); // junk before the first frame
    expect(sniffContainer(junk)).toBeUndefined();
    await expect(decodeAudio(junk)).rejects.toMatchObject({ code: 'unknown_format' });
    const a = await decodeAudio(junk, 'song.MP3');
    expectTones(a.channels, 22050, 0.5, 0.03);
  });
});
