import { siSdr } from '@vrvq/audio';
import { initBackend } from '@vrvq/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics, siSdrDb } from './metrics.js';

const rate = 16000;
const tone = (n: number, f: number, amp: number) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / rate));

describe('metrics', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('siSdrDb(est, ref) is @vrvq/audio siSdr(est, ref)', () => {
    const ref = tone(3000, 440, 0.5);
    const est = Float32Array.from(ref, (v, i) => 0.7 * v + 0.05 * Math.sin(i * 1.3));
    expect(siSdrDb(est, ref)).toBe(siSdr(est, ref));
    expect(siSdrDb(est, ref)).toBeGreaterThan(10);
  });

  it('computeMetrics: SI-SDR is the channel mean over the common length; identical audio has zero distances', async () => {
    const ref = [tone(4000, 440, 0.5), tone(4000, 1000, 0.3)];
    const deg = [Float32Array.from(ref[0], (v, i) => v + 0.02 * Math.sin(i * 2.1)), tone(4100, 1000, 0.2)];
    const m = await computeMetrics(ref, deg, rate);
    const expected = (siSdr(deg[0], ref[0]) + siSdr(deg[1].subarray(0, 4000), ref[1])) / 2;
    expect(m.siSdr).toBeCloseTo(expected, 12);
    expect(m.melDistance).toBeGreaterThan(0);
    const self = await computeMetrics(ref, ref, rate);
    expect(self.siSdr).toBeGreaterThan(60);
    expect(self.melDistance).toBeLessThan(1e-6);
    expect(self.stftDistance).toBeLessThan(1e-6);
  });
});
