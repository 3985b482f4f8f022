import { loudnessLufs } from '@vrvq/audio';
import { Rng } from '@vrvq/rvq';
import { describe, expect, it } from 'vitest';
import { rescaleAudio, shiftPhase, volumeNorm } from './augment.js';

describe('augmentations', () => {
  it('shiftPhase turns sin into sin(·+θ), is the identity at 0 and the negation at π', () => {
    const n = 256;
    const w = (2 * Math.PI * 5) / n;
    const x = Float32Array.from({ length: n }, (_, i) => Math.sin(w * i));
    const y = shiftPhase(x, 0.7);
    for (let i = 0; i < n; i++) expect(y[i]).toBeCloseTo(Math.sin(w * i + 0.7), 5);
    const noise = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i * i * 0.37));
    const id = shiftPhase(noise, 0);
    const neg = shiftPhase(noise, Math.PI);
    for (let i = 0; i < 300; i++) {
      expect(id[i]).toBeCloseTo(noise[i], 5);
      expect(neg[i]).toBeCloseTo(-noise[i], 5);
    }
  });

  it('rescaleAudio only scales down; volumeNorm reaches the target and leaves silence alone', () => {
    const a = Float32Array.from([0.5, -2, 1]);
    rescaleAudio(a);
    expect(Array.from(a)).toEqual([0.25, -1, 0.5]);
    const b = Float32Array.from([0.5, -0.25]);
    rescaleAudio(b);
    expect(Array.from(b)).toEqual([0.5, -0.25]);
    const rng = new Rng(1);
    const sr = 16000;
    const x = Float32Array.from({ length: sr }, () => rng.uniform(-0.05, 0.05));
    volumeNorm(x, sr, -16);
    expect(loudnessLufs(x, sr)).toBeCloseTo(-16, 3);
    const z = new Float32Array(sr);
    volumeNorm(z, sr, -16);
    expect(z.every((v) => v === 0)).toBe(true);
  });
});
