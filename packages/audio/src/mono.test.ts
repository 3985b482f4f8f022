import { describe, expect, it } from 'vitest';
import { AudioError } from './errors.js';
import { toMono } from './mono.js';

describe('toMono', () => {
  it('averages channels', () => {
    const m = toMono({ sampleRate: 8000, channels: [new Float32Array([1, 0.5, -1]), new Float32Array([0, 0.5, 0]), new Float32Array([0.5, 0.5, 0.25])] });
    expect(Array.from(m)).toEqual([0.5, 0.5, -0.25]);
  });

  it('returns a copy for mono input', () => {
    const x = new Float32Array([0.1, 0.2]);
    const m = toMono({ sampleRate: 8000, channels: [x] });
    expect(m).toEqual(x);
    m[0] = 9;
    expect(x[0]).toBeCloseTo(0.1);
  });

  it('rejects zero channels and ragged channels', () => {
    expect(() => toMono({ sampleRate: 8000, channels: [] })).toThrowError(AudioError);
    expect(() => toMono({ sampleRate: 8000, channels: [new Float32Array(2), new Float32Array(3)] })).toThrow(/different lengths/);
  });
});
