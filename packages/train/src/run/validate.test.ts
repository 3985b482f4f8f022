import * as tf from '@tensorflow/tfjs-core';
import { VrvqCodec } from '@vrvq/core';
import { Rng } from '@vrvq/rvq';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClip } from '../data/generated.js';
import { MultiScaleMelLoss } from '../losses/mel-loss.js';
import { MultiScaleStftLoss } from '../losses/stft-loss.js';
import { useBackend } from '../testing/backends.js';
import { validateCodec } from './validate.js';

describe('validateCodec', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('reports exact kbps (side info in VBR only) and matching distortions where masks coincide', async () => {
    const codec = new VrvqCodec('vrvq-micro', 1); // 16 kHz, hop 64 → 250 frames/s; 4 codebooks of 64 → 6 bits/code
    const items = [0, 1, 2].map((i) => ({ name: `c${i}`, audio: generateClip(i === 2 ? 'noise-bursts' : 'am-tone', 2048, 16000, new Rng(i)) }));
    const mel = new MultiScaleMelLoss({ sampleRate: 16000, windowLengths: [64, 256], nMels: [10, 40] });
    const stft = new MultiScaleStftLoss({ windowLengths: [256] });
    const before = tf.memory().numTensors;
    const r = await validateCodec(codec, items, { levels: [1e-3, 0.5, 100], cbrCounts: [1, 4, 9], batch: 2 }, { mel, stft });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.items).toBe(3);
    expect(r.seconds).toBeCloseTo((3 * 2048) / 16000, 9);
    const [tiny, mid, huge, c1, c4] = r.points;
    expect(r.points.map((p) => p.mode)).toEqual(['vbr', 'vbr', 'vbr', 'cbr', 'cbr']); // 9 clamps to 4
    expect(c1.kbps).toBeCloseTo(1 * 6 * 0.25, 9);
    expect(c4.kbps).toBeCloseTo(4 * 6 * 0.25, 9);
    for (const p of [tiny, mid, huge]) expect(p.kbps).toBeCloseTo(p.meanCodebooks * 1.5 + 2 * 0.25, 9);
    expect(tiny.meanCodebooks).toBe(1);
    expect(huge.meanCodebooks).toBe(4);
    expect(tiny.mel).toBeCloseTo(c1.mel, 5);
    expect(huge.sisdr).toBeCloseTo(c4.sisdr, 4);
    expect(mid.meanCodebooks).toBeGreaterThanOrEqual(1);
    expect(mid.meanCodebooks).toBeLessThanOrEqual(4);
    codec.dispose();
    mel.dispose();
    stft.dispose();
  });
});
