import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@vrvq/rvq';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { VrvqCodec } from '../model/codec.js';
import { encodeLatent } from '../model/encoder.js';
import { receptiveField } from './context.js';

// The receptive field that sizes the streaming context, checked against the networks
// themselves: perturb one input and see exactly (bit for bit) which outputs change.

function changed(a: ArrayLike<number>, b: ArrayLike<number>, width: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.add(Math.floor(i / width));
  return [...out].sort((x, y) => x - y);
}

describe.each(['vrvq-micro', 'tiny-24k'])('receptive field of %s', (name) => {
  let codec: VrvqCodec;
  beforeAll(async () => {
    await initBackend('wasm');
    codec = new VrvqCodec(name, 2);
  });

  it('encoder: sample i changes exactly the frames t with t·hop − left ≤ i ≤ t·hop + right', () => {
    const hop = codec.hop;
    const [left, right] = receptiveField(codec.preset).encoder;
    const frames = Math.ceil((left + right) / hop) + 8;
    const n = frames * hop;
    const rng = new Rng(1);
    const base = Float32Array.from({ length: n }, () => 0.3 * rng.normal());
    for (const i of [Math.floor(n / 2), Math.floor(n / 2) + Math.floor(hop / 3)]) {
      const bumped = base.slice();
      bumped[i] += 0.5;
      const z = [base, bumped].map((v) =>
        tf.tidy(() => encodeLatent(codec.encoder, tf.tensor3d(v, [1, n, 1])).dataSync()),
      );
      const got = changed(z[0], z[1], codec.preset.latentDim);
      const lo = Math.ceil((i - right) / hop);
      const hi = Math.floor((i + left) / hop);
      expect(got[0]).toBeGreaterThanOrEqual(lo);
      expect(got[got.length - 1]).toBeLessThanOrEqual(hi);
      // …and the bound is tight (at most one frame of slack each side).
      expect(got[0]).toBeLessThanOrEqual(lo + 1);
      expect(got[got.length - 1]).toBeGreaterThanOrEqual(hi - 1);
    }
  });

  it('decoder: frame f changes only samples o with o − left ≤ f·hop ≤ o + right', () => {
    const hop = codec.hop;
    const [left, right] = receptiveField(codec.preset).decoder;
    const frames = Math.ceil((left + right) / hop) + 8;
    const d = codec.preset.latentDim;
    const rng = new Rng(3);
    const base = Float32Array.from({ length: frames * d }, () => rng.normal());
    const f = Math.floor(frames / 2);
    const bumped = base.slice();
    for (let k = 0; k < d; k++) bumped[f * d + k] += 1;
    const y = [base, bumped].map((v) => tf.tidy(() => codec.decoder.apply(tf.tensor3d(v, [1, frames, d])).dataSync()));
    const got = changed(y[0], y[1], 1);
    const lo = f * hop - right;
    const hi = f * hop + left;
    expect(got[0]).toBeGreaterThanOrEqual(lo);
    expect(got[got.length - 1]).toBeLessThanOrEqual(hi);
    expect(got[0]).toBeLessThanOrEqual(lo + hop);
    expect(got[got.length - 1]).toBeGreaterThanOrEqual(hi - hop);
  });
});
