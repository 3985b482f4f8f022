import { describe, expect, it } from 'vitest';
import * as audio from './index.js';

describe('public API', () => {
  it('exports the contract names (other packages import these)', () => {
    for (const name of [
      'decodeWav', 'encodeWav', 'decodeAudio', 'resample', 'toMono', 'loudnessLufs', 'AudioError',
      'parseWavHeader', 'decodeWavFrames', 'wavHeader', 'encodeWavFrames', 'WavReader', 'WavWriter', 'Resampler',
      'Fft', 'fftOfSize', 'siSdr',
    ]) {
      expect(typeof (audio as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('a WAV → resample → loudness pipeline runs end to end on the public API', async () => {
    const rate = 44100;
    const x = new Float32Array(rate);
    for (let i = 0; i < rate; i++) x[i] = 0.1 * Math.sin((2 * Math.PI * 1000 * i) / rate);
    const wav = audio.encodeWav({ sampleRate: rate, channels: [x, x] }, { bitDepth: 24 });
    const decoded = await audio.decodeAudio(wav, 'a.wav');
    const mono = audio.resample(audio.toMono(decoded), decoded.sampleRate, 24000);
    expect(mono.length).toBe(24000);
    expect(audio.loudnessLufs(mono, 24000)).toBeCloseTo(-23.0, 1); // 0.1 = −20 dBFS peak
  });
});
