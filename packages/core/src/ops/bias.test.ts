import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { addBias } from './bias.js';
import { sumRows } from './sum-rows.js';
import { checkGradients, expectNoLeak, rand, relErr } from './test-helpers.js';

describe.each(['cpu', 'wasm'])('addBias and sumRows on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('sumRows sums every axis but the last', () => {
    const t = rand<tf.Rank.R3>([3, 17, 5], 51);
    const v = t.dataSync();
    const ref = new Float64Array(5);
    for (let i = 0; i < v.length; i++) ref[i % 5] += v[i];
    expectNoLeak(() => {
      const s = sumRows(t);
      expect(s.shape).toEqual([5]);
      expect(relErr(s.dataSync(), ref)).toBeLessThan(1e-6);
      s.dispose();
    });
    t.dispose();
  });

  it('addBias broadcasts over leading axes and has correct gradients', () => {
    const y = rand<tf.Rank.R4>([2, 3, 4, 5], 52);
    const b = rand<tf.Rank.R1>([5], 53);
    expectNoLeak(() => {
      const out = addBias(y, b);
      const ref = tf.add(y, b);
      expect(relErr(out.dataSync(), ref.dataSync())).toBe(0);
      tf.dispose([out, ref]);
    });
    expectNoLeak(() => checkGradients((yy, bb) => addBias(yy, bb as tf.Tensor1D), [y, b], { samples: 20 }));
    expect(addBias(y, null)).toBe(y);
    tf.dispose([y, b]);
  });
});
