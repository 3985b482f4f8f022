import * as tf from '@tensorflow/tfjs-core';
import { StreamingAnalyzer, StreamingSynthesizer, VrvqCodec, initBackend } from '@vrvq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noise } from '../dsp/test-signals.js';
import { analyzeSignal } from './analysis.js';
import { CancelToken } from './cancel.js';
import { synthesizeChannel } from './synthesis.js';
import { planWindows } from './windows.js';

describe('planWindows', () => {
  it('covers every frame once, each window with its context, clipped at the ends', () => {
    const w = planWindows(10, 4, 3);
    expect(w).toEqual([
      { from: 0, to: 7, keep: 0, take: 4 },
      { from: 1, to: 10, keep: 4, take: 4 },
      { from: 5, to: 10, keep: 8, take: 2 },
    ]);
    expect(planWindows(0, 4, 3)).toEqual([]);
  });
});

describe('windowed analysis and synthesis', () => {
  let codec: VrvqCodec;
  beforeAll(async () => {
    await initBackend('wasm');
    codec = new VrvqCodec('vrvq-micro', 3);
  });
  afterAll(() => codec.dispose());

  it("equal @vrvq/core's streaming analyzer and synthesizer exactly (same windows), without leaking tensors", async () => {
    const x = noise(64 * 150 + 17, 21, 0.3); // not a whole number of frames
    const before = tf.memory().numTensors;
    const a = await analyzeSignal(codec, x, { token: new CancelToken(), windowFrames: 40 });
    const ref = new StreamingAnalyzer(codec, { windowFrames: 40 });
    const chunks = [...ref.push(x), ...ref.finish()];
    expect(a.frames).toBe(151);
    const refCodes = new Int32Array(a.codes.length);
    const refP = new Float32Array(a.frames);
    for (const c of chunks) {
      refCodes.set(c.codes, c.start * 4);
      refP.set(c.p!, c.start);
    }
    expect(Array.from(a.codes)).toEqual(Array.from(refCodes));
    expect(Array.from(a.p!)).toEqual(Array.from(refP));

    const counts = Uint8Array.from({ length: a.frames }, (_, t) => 1 + (t % 4));
    const y = await synthesizeChannel(codec, a.codes, counts, { token: new CancelToken(), windowFrames: 40 });
    const syn = new StreamingSynthesizer(codec, { windowFrames: 40 });
    const first = syn.push(counts, a.codes);
    const rest = syn.finish();
    expect(y.length).toBe(first.length + rest.length);
    expect(Array.from(y.subarray(0, first.length))).toEqual(Array.from(first));
    expect(Array.from(y.subarray(first.length))).toEqual(Array.from(rest));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('checkAnalysis', () => {
  it('accepts codes in range and p in [0, 1], refuses anything else with BAD_OUTPUT', async () => {
    const { checkAnalysis } = await import('./analysis.js');
    expect(() => checkAnalysis(Int32Array.from([0, 63]), Float32Array.from([0, 0.5, 1]), 64)).not.toThrow();
    expect(() => checkAnalysis(Int32Array.from([64]), null, 64)).toThrow(/impossible code/);
    expect(() => checkAnalysis(Int32Array.from([-1]), null, 64)).toThrow(/impossible code/);
    for (const bad of [Number.NaN, -0.2, 1.5]) {
      try {
        checkAnalysis(new Int32Array(0), Float32Array.from([0.5, bad]), 64);
        expect.unreachable();
      } catch (e) {
        expect((e as { code: string }).code).toBe('BAD_OUTPUT');
      }
    }
  });
});
