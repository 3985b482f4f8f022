import { describe, expect, it } from 'vitest';
import { RvqError } from '../errors.js';
import {
  bitsPerCode,
  bitsToKbps,
  clipBits,
  clipKbps,
  constantRateKbps,
  framePayloadBits,
  frameRate,
  sideInfoBitsPerFrame,
} from './bits.js';

const VRVQ = { nCodebooks: 8, codebookSize: 1024, sampleRate: 44100, hop: 512 };

describe('bit accounting', () => {
  it('bits per code = log2(codebook size), powers of two only', () => {
    expect(bitsPerCode(1024)).toBe(10);
    expect(bitsPerCode(2)).toBe(1);
    expect(bitsPerCode(4096)).toBe(12);
    for (const bad of [1000, 1, 0, -4, 1.5]) {
      try {
        bitsPerCode(bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RvqError);
        expect((e as RvqError).code).toBe('codebook-size-not-power-of-two');
      }
    }
  });

  it('side info: ⌈log2 Nq⌉ bits per frame in VBR, none in CBR or for Nq = 1', () => {
    expect(sideInfoBitsPerFrame(8, 'vbr')).toBe(3);
    expect(sideInfoBitsPerFrame(9, 'vbr')).toBe(4);
    expect(sideInfoBitsPerFrame(32, 'vbr')).toBe(5);
    expect(sideInfoBitsPerFrame(2, 'vbr')).toBe(1);
    expect(sideInfoBitsPerFrame(1, 'vbr')).toBe(0);
    expect(sideInfoBitsPerFrame(8, 'cbr')).toBe(0);
  });

  it('VRVQ 44.1 kHz numbers: 86.13 frames/s, 6.89 kbps full payload, 0.258 kbps side info', () => {
    expect(frameRate(44100, 512)).toBe(44100 / 512);
    expect(frameRate(44100, 512)).toBeCloseTo(86.13, 2);
    expect(framePayloadBits(8, 1024)).toBe(80);
    expect(constantRateKbps(8, VRVQ)).toBeCloseTo(6.89, 2);
    expect(constantRateKbps(1, VRVQ)).toBeCloseTo(0.861, 3);
    expect(constantRateKbps(8, VRVQ, 'vbr') - constantRateKbps(8, VRVQ)).toBeCloseTo(0.2584, 4);
    // DAC's released models: 9 × 10 bits at 86.13 Hz ≈ 7.75 kbps; 24 kHz: 32 × 10 × 75 = 24 kbps
    expect(constantRateKbps(9, { ...VRVQ, nCodebooks: 9 })).toBeCloseTo(7.75, 2);
    expect(constantRateKbps(32, { nCodebooks: 32, codebookSize: 1024, sampleRate: 24000, hop: 320 })).toBeCloseTo(24, 10);
  });

  it('clip bits and kbps from per-frame counts', () => {
    const counts = [1, 2, 8, 3];
    const vbr = clipBits(counts, VRVQ, 'vbr');
    expect(vbr).toEqual({ frames: 4, payload: 140, sideInfo: 12, total: 152 });
    expect(clipBits(counts, VRVQ, 'cbr').total).toBe(140);
    expect(clipKbps(counts, VRVQ, 'vbr')).toBeCloseTo((152 / (4 / (44100 / 512))) / 1000, 12);
    expect(bitsToKbps(152, 4, 44100 / 512)).toBe(clipKbps(counts, VRVQ, 'vbr'));
    // every frame full in VBR = CBR rate + side info
    expect(clipKbps(new Array(100).fill(8), VRVQ, 'vbr')).toBeCloseTo(constantRateKbps(8, VRVQ, 'vbr'), 12);
    expect(() => clipBits([1, 0], VRVQ, 'vbr')).toThrow(/1…8/);
    expect(() => clipBits([9], VRVQ, 'vbr')).toThrow(/1…8/);
    expect(() => bitsToKbps(10, 0, 86)).toThrow(/at least one frame/);
  });
});
