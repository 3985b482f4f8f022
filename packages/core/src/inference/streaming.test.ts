import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@vrvq/rvq';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { VrvqCodec } from '../model/codec.js';
import { StreamingAnalyzer } from './analyzer.js';
import { contextFrames } from './context.js';
import { StreamingSynthesizer } from './synthesizer.js';

function signal(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, (_, i) => 0.4 * Math.sin(i / 9) * Math.sin(i / 300) + 0.05 * rng.normal());
}

/** Pushes `x` in random pieces and gathers every frame. */
function analyzeInPieces(codec: VrvqCodec, x: Float32Array, window: number, rng: Rng) {
  const an = new StreamingAnalyzer(codec, { windowFrames: window });
  const frames = [];
  for (let i = 0; i < x.length; ) {
    const n = 1 + rng.int(700);
    frames.push(...an.push(x.subarray(i, i + n)));
    i += n;
  }
  frames.push(...an.finish());
  return frames;
}

describe.each(['vrvq-micro', 'vrvq-tiny-24k'])('streaming inference equals whole-signal inference (%s)', (name) => {
  let codec: VrvqCodec;
  beforeAll(async () => {
    await initBackend('wasm');
    codec = new VrvqCodec(name, 4);
  });

  it('analyzer: same codes and importance as one call on the whole signal', () => {
    const hop = codec.hop;
    const ctx = contextFrames(codec.preset).analysis;
    const n = (3 * ctx + 13) * hop + 17; // not a multiple of the hop: the tail gets padded
    const x = signal(n, 1);
    const padded = new Float32Array(Math.ceil(n / hop) * hop);
    padded.set(x);
    const whole = codec.analyze(tf.tensor3d(padded, [1, padded.length, 1]));
    const wholeCodes = tf.transpose(whole.codes, [0, 2, 1]).dataSync();
    const wholeP = whole.p!.dataSync();
    const frames = analyzeInPieces(codec, x, name === 'vrvq-micro' ? 5 : 24, new Rng(3));
    expect(frames.map((f) => f.start)).toEqual(frames.map((_, i) => frames.slice(0, i).reduce((a, f) => a + f.frames, 0)));
    const codes = Int32Array.from(frames.flatMap((f) => Array.from(f.codes)));
    const p = Float32Array.from(frames.flatMap((f) => Array.from(f.p!)));
    expect(codes.length).toBe(wholeCodes.length);
    let differ = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] !== wholeCodes[i]) differ++;
    expect(differ).toBe(0);
    for (let i = 0; i < p.length; i++) expect(Math.abs(p[i] - wholeP[i])).toBeLessThan(1e-5);
    tf.dispose([whole.codes, whole.p!]);
  });

  it('synthesizer: same samples as decoding every frame at once', () => {
    const nq = codec.preset.nCodebooks;
    const ctx = contextFrames(codec.preset).synthesis;
    const frames = 3 * ctx + 11;
    const rng = new Rng(8);
    const counts = Int32Array.from({ length: frames }, () => 1 + rng.int(nq));
    const codes = Int32Array.from({ length: frames * nq }, () => rng.int(codec.preset.codebookSize));
    const whole = tf.tidy(() =>
      codec.decodeCodes(tf.transpose(tf.tensor3d(codes, [1, frames, nq], 'int32'), [0, 2, 1]) as tf.Tensor3D, tf.tensor2d(counts, [1, frames], 'int32')),
    );
    const ref = whole.dataSync();
    whole.dispose();
    const syn = new StreamingSynthesizer(codec, { windowFrames: name === 'vrvq-micro' ? 4 : 16 });
    const parts: Float32Array[] = [];
    for (let t = 0; t < frames; ) {
      const k = Math.min(frames - t, 1 + rng.int(9));
      parts.push(syn.push(counts.subarray(t, t + k), codes.subarray(t * nq, (t + k) * nq)));
      t += k;
    }
    parts.push(syn.finish());
    const y = Float32Array.from(parts.flatMap((p) => Array.from(p)));
    expect(y.length).toBe(ref.length);
    let maxErr = 0;
    for (let i = 0; i < y.length; i++) maxErr = Math.max(maxErr, Math.abs(y[i] - ref[i]));
    expect(maxErr).toBeLessThan(1e-5);
  });

  it('pushAsync/finishAsync give exactly what push/finish give', async () => {
    const x = signal(codec.hop * 57 + 5, 6);
    const sync = analyzeInPieces(codec, x, 7, new Rng(2));
    const an = new StreamingAnalyzer(codec, { windowFrames: 7 });
    const frames = [...(await an.pushAsync(x.subarray(0, 3000))), ...(await an.pushAsync(x.subarray(3000))), ...(await an.finishAsync())];
    expect(frames.map((f) => [f.start, f.frames])).toEqual(sync.map((f) => [f.start, f.frames]));
    frames.forEach((f, i) => {
      expect(Array.from(f.codes)).toEqual(Array.from(sync[i].codes));
      expect(Array.from(f.p!)).toEqual(Array.from(sync[i].p!));
    });
    const nq = codec.preset.nCodebooks;
    const counts = Int32Array.from({ length: 40 }, (_, t) => 1 + (t % nq));
    const codes = Int32Array.from({ length: 40 * nq }, (_, i) => (i * 7) % codec.preset.codebookSize);
    const a = new StreamingSynthesizer(codec, { windowFrames: 6 });
    const ya = [a.push(counts, codes), a.finish()];
    const b = new StreamingSynthesizer(codec, { windowFrames: 6 });
    const yb = [await b.pushAsync(counts, codes), await b.finishAsync()];
    expect(Array.from(yb[0])).toEqual(Array.from(ya[0]));
    expect(Array.from(yb[1])).toEqual(Array.from(ya[1]));
  });

  it('memory: no tensors left behind', () => {
    const before = tf.memory().numTensors;
    analyzeInPieces(codec, signal(codec.hop * 40, 2), 7, new Rng(1));
    expect(tf.memory().numTensors).toBe(before);
  });
});
