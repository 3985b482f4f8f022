import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { QUIET_RATE_OFF, quietRateWeights } from './quiet-rate.js';

describe('quietRateWeights', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('weight 1 above fromDb, 1 + boost below toDb, linear in dB between', () => {
    const hop = 64;
    // frames: sine at 0 dBFS peak (−3 dB), noise-free levels −50 dB and −70 dB (constant amplitude), zeros
    const amp = (db: number) => 10 ** (db / 20); // constant signal: mean square = amp²
    const data = new Float32Array(4 * hop);
    for (let i = 0; i < hop; i++) data[i] = Math.sin((2 * Math.PI * 5 * i) / hop);
    data.fill(amp(-50), hop, 2 * hop);
    data.fill(-amp(-70), 2 * hop, 3 * hop);
    const x = tf.tensor3d(data, [1, 4 * hop, 1]);
    const before = tf.memory().numTensors;
    const w = quietRateWeights(x, hop, { boost: 4, fromDb: -40, toDb: -60 });
    expect(w.shape).toEqual([1, 4, 1]);
    const v = Array.from(w.dataSync());
    expect(v[0]).toBeCloseTo(1, 6);
    expect(v[1]).toBeCloseTo(1 + 4 * 0.5, 3); // −50 dB: half-way
    expect(v[2]).toBeCloseTo(5, 6);
    expect(v[3]).toBeCloseTo(5, 6); // digital silence
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const off = quietRateWeights(x, hop, QUIET_RATE_OFF);
    expect(Array.from(off.dataSync())).toEqual([1, 1, 1, 1]);
    off.dispose();
    expect(() => quietRateWeights(x, 60, QUIET_RATE_OFF)).toThrow(/multiple of the hop/);
    expect(() => quietRateWeights(x, hop, { boost: 1, fromDb: -60, toDb: -40 })).toThrow(/below fromDb/);
    x.dispose();
  });
});
