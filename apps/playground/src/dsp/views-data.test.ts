import { describe, expect, it } from 'vitest';
import { displaySpectrogram } from './display-spectrogram.js';
import { peaks } from './peaks.js';
import { sine } from './test-signals.js';

describe('displaySpectrogram', () => {
  it('puts a full-scale sine at 0 dB (level 255) in its bin and nothing in far bins', () => {
    const sr = 16000;
    const win = 512;
    const bin = 40;
    const s = displaySpectrogram(sine(16000, (bin * sr) / win, sr), sr, { window: win, maxColumns: 50 });
    expect(s.bins).toBe(256);
    expect(s.columns).toBeLessThanOrEqual(50);
    const mid = Math.floor(s.columns / 2) * s.bins;
    expect(s.levels[mid + bin]).toBeGreaterThanOrEqual(254);
    expect(s.levels[mid + 200]).toBeLessThan(60);
  });

  it('is all floor for silence', () => {
    const s = displaySpectrogram(new Float32Array(4000), 16000, { window: 256 });
    expect(s.levels.every((v) => v === 0)).toBe(true);
  });
});

describe('peaks', () => {
  it('returns min and max per column', () => {
    const x = Float32Array.from([0, 1, -1, 0.5, 0.25, -0.75, 0, 0]);
    expect(Array.from(peaks(x, 2))).toEqual([-1, 1, -0.75, 0.25]);
    expect(Array.from(peaks(x, 8)).slice(0, 4)).toEqual([0, 0, 1, 1]);
  });
});
