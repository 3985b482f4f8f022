import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { meanSiSdr, siSdr } from './si-sdr.js';

describe('SI-SDR', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('is −20·log10(c) for a reference plus c × an orthogonal zero-mean signal, whatever the gain', () => {
    const n = 1000;
    const s = Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 5 * i) / n));
    const c = Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 9 * i) / n));
    const est = [0.1, 0.5].flatMap((k) => s.map((v, i) => 3 * (v + k * c[i])));
    const ref = [...s, ...s];
    const before = tf.memory().numTensors;
    const e = tf.tensor3d(est, [2, n, 1]);
    const r = tf.tensor3d(ref, [2, n, 1]);
    const out = siSdr(e, r);
    const m = meanSiSdr(e, r);
    const d = out.dataSync();
    expect(d[0]).toBeCloseTo(20, 2);
    expect(d[1]).toBeCloseTo(-20 * Math.log10(0.5), 2);
    expect(m.dataSync()[0]).toBeCloseTo((d[0] + d[1]) / 2, 5);
    tf.dispose([e, r, out, m]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
