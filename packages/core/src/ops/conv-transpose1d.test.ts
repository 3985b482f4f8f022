import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { convTranspose1d } from './conv-transpose1d.js';
import { checkGradients, expectNoLeak, rand, refConvTranspose1d, relErr } from './test-helpers.js';

interface Case {
  stride: number;
  k: number;
  padding: number;
}

// DAC decoder blocks: kernel 2s, padding ⌈s/2⌉ (odd s = 5 loses one sample: 5T − 1).
const CASES: Case[] = [
  { stride: 2, k: 4, padding: 1 },
  { stride: 4, k: 8, padding: 2 },
  { stride: 8, k: 16, padding: 4 },
  { stride: 5, k: 10, padding: 3 },
  { stride: 3, k: 7, padding: 0 },
  { stride: 1, k: 3, padding: 1 },
];

describe.each(['cpu', 'wasm'])('convTranspose1d on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each(CASES)('matches a naive reference with PyTorch output length (s=$stride k=$k p=$padding)', (c) => {
    const [b, t, cin, cout] = [2, 9, 4, 3];
    const x = rand<tf.Rank.R3>([b, t, cin], 11);
    const w = rand<tf.Rank.R3>([cin, cout, c.k], 12);
    const bias = rand<tf.Rank.R1>([cout], 13);
    const ref = refConvTranspose1d(x.dataSync() as Float32Array, x.shape, w.dataSync() as Float32Array, w.shape, bias.dataSync() as Float32Array, c.stride, c.padding);
    expect(ref.len).toBe((t - 1) * c.stride - 2 * c.padding + c.k);
    if (c.k === 2 * c.stride) expect(ref.len).toBe(c.stride % 2 === 0 ? t * c.stride : t * c.stride - 1);
    expectNoLeak(() => {
      const y = convTranspose1d(x, w, bias, c);
      expect(y.shape).toEqual([b, ref.len, cout]);
      expect(relErr(y.dataSync(), ref.data)).toBeLessThan(1e-5);
      y.dispose();
    });
    tf.dispose([x, w, bias]);
  });

  it.each(CASES)('has correct gradients w.r.t. x, w and bias (s=$stride k=$k p=$padding)', (c) => {
    const x = rand<tf.Rank.R3>([2, 5, 3], 14);
    const w = rand<tf.Rank.R3>([3, 2, c.k], 15);
    const bias = rand<tf.Rank.R1>([2], 16);
    expectNoLeak(() =>
      checkGradients((xx, ww, bb) => convTranspose1d(xx as tf.Tensor3D, ww as tf.Tensor3D, bb as tf.Tensor1D, c), [x, w, bias]),
    );
    tf.dispose([x, w, bias]);
  });

  it('works without bias and rejects a channel mismatch', () => {
    const x = rand<tf.Rank.R3>([1, 4, 2], 17);
    const w = rand<tf.Rank.R3>([2, 3, 4], 18);
    const y = convTranspose1d(x, w, null, { stride: 2, padding: 1 });
    expect(y.shape).toEqual([1, 8, 3]);
    const w2 = rand<tf.Rank.R3>([3, 3, 4], 19);
    expect(() => convTranspose1d(x, w2, null, { stride: 2 })).toThrowError(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    tf.dispose([x, w, y, w2]);
  });
});
