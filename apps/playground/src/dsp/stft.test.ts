import { describe, expect, it } from 'vitest';
import { centredFrameCount, pairedStft } from './stft.js';
import { noise } from './test-signals.js';
import { hann, reflectAt } from './window.js';

/** numpy.pad(x, pad, mode='reflect') built by hand, for small pads. */
function reflectPad(x: number[], pad: number): number[] {
  const left = Array.from({ length: pad }, (_, i) => x[pad - i]);
  const right = Array.from({ length: pad }, (_, i) => x[x.length - 2 - i]);
  return [...left, ...x, ...right];
}

describe('reflectAt', () => {
  it('matches explicit reflect padding', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const padded = reflectPad(x, 4);
    const f = Float32Array.from(x);
    padded.forEach((v, i) => {
      expect(reflectAt(f, i, 4)).toBe(v);
    });
  });
  it('keeps reflecting for pads longer than the signal', () => {
    const f = Float32Array.from([1, 2, 3]);
    // 1 2 3 2 1 2 3 … around the signal
    expect(Array.from({ length: 9 }, (_, i) => reflectAt(f, i, 4))).toEqual([1, 2, 3, 2, 1, 2, 3, 2, 1]);
  });
});

describe('pairedStft', () => {
  it('gives each signal the magnitude of its own windowed DFT', () => {
    const n = 300;
    const win = 64;
    const hop = 16;
    const a = noise(n, 11);
    const b = noise(n, 12);
    const w = hann(win);
    let frames = 0;
    pairedStft(a, b, win, hop, (f, ma, mb) => {
      frames++;
      for (const [x, mag] of [
        [a, ma],
        [b, mb],
      ] as const) {
        for (const k of [0, 1, 7, 32]) {
          let re = 0;
          let im = 0;
          for (let i = 0; i < win; i++) {
            const v = w[i] * reflectAt(x, f * hop + i, win / 2);
            re += v * Math.cos((-2 * Math.PI * k * i) / win);
            im += v * Math.sin((-2 * Math.PI * k * i) / win);
          }
          expect(mag[k]).toBeCloseTo(Math.hypot(re, im), 9);
        }
      }
    });
    expect(frames).toBe(centredFrameCount(n, hop));
    expect(frames).toBe(1 + Math.floor(300 / 16));
  });
});
