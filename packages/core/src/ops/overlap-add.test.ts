import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { overlapAddCrop, overlapAddCropWithOps } from './overlap-add.js';
import { expectNoLeak, rand, relErr } from './test-helpers.js';

/** out[b, o, c] = bias[c] + Σ cols[b, t, j, c] over t·s + j = o + start, o < len (float64). */
function reference(cols: Float32Array, [b, t, qs, c]: number[], s: number, start: number, len: number, bias: Float32Array | null): Float64Array {
  const out = new Float64Array(b * len * c);
  for (let bi = 0; bi < b; bi++)
    for (let o = 0; o < len; o++) for (let k = 0; k < c; k++) out[(bi * len + o) * c + k] = bias ? bias[k] : 0;
  for (let bi = 0; bi < b; bi++)
    for (let ti = 0; ti < t; ti++)
      for (let j = 0; j < qs; j++) {
        const o = ti * s + j - start;
        if (o < 0 || o >= len) continue;
        for (let k = 0; k < c; k++) out[(bi * len + o) * c + k] += cols[((bi * t + ti) * qs + j) * c + k];
      }
  return out;
}

describe.each(['cpu', 'wasm'])('overlapAddCrop on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each([
    // s, Q·s, start, len: the transposed convs of DAC (k = 2s, crop p = ⌈s/2⌉), odd strides, a
    // crop longer than the overlap-add (zeros), a conv input gradient's crop.
    [2, 4, 1, 14],
    [5, 10, 3, 34],
    [8, 16, 4, 56],
    [3, 6, 0, 30],
    [4, 8, 2, 9],
    [2, 4, 5, 3],
  ])('matches float64 overlap-add + crop + bias, and the tfjs-ops path (s=%i, Q·s=%i, start=%i, len=%i)', (s, qs, start, len) => {
    const [b, t] = [2, 7];
    const c = s % 2 === 0 ? 8 : 3; // a multiple of 4 runs SIMD on wasm
    const cols = rand<tf.Rank.R4>([b, t, qs, c], 40 + s);
    const bias = rand<tf.Rank.R1>([c], 41);
    for (const bb of [bias, null]) {
      const ref = reference(cols.dataSync() as Float32Array, cols.shape, s, start, len, bb ? (bb.dataSync() as Float32Array) : null);
      expectNoLeak(() => {
        const y = overlapAddCrop(cols, s, start, len, bb);
        const z = overlapAddCropWithOps(cols, s, start, len, bb);
        expect(y.shape).toEqual([b, len, c]);
        expect(z.shape).toEqual([b, len, c]);
        expect(relErr(y.dataSync(), ref)).toBeLessThan(1e-6);
        expect(relErr(z.dataSync(), ref)).toBeLessThan(1e-6);
        tf.dispose([y, z]);
      });
    }
    tf.dispose([cols, bias]);
  });
});
