import * as tf from '@tensorflow/tfjs-core';
import { VrvqCodec, initBackend, weightsHash } from '@vrvq/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FetchFn, type ModelOption, modelBytes } from './model-loader.js';

const option: ModelOption = { id: 'x', label: 'x', preset: 'vrvq-micro', weightsUrl: 'models/default.safetensors' };
let trainedBytes: Uint8Array;

beforeAll(async () => {
  await initBackend('wasm');
  const c = new VrvqCodec('vrvq-micro', 7); // stands in for a trained file: other weights than seed 0
  trainedBytes = await c.toWeights();
  c.dispose();
});

const serve =
  (bytes: Uint8Array | null, seen: string[] = []): FetchFn =>
  async (url) => {
    seen.push(url);
    return {
      ok: bytes !== null,
      status: bytes ? 200 : 404,
      arrayBuffer: async () => (bytes ? bytes.slice().buffer : new ArrayBuffer(0)),
    };
  };

describe('modelBytes', () => {
  it('uses a shipped weights file when one is served (resolved against the page URL)', async () => {
    const seen: string[] = [];
    const before = tf.memory().numTensors;
    const m = await modelBytes(option, serve(trainedBytes, seen), 'http://127.0.0.1:5000/app/index.html');
    expect(seen).toEqual(['http://127.0.0.1:5000/app/models/default.safetensors']);
    expect(m.trained).toBe(true);
    expect(m.name).toBe('vrvq-micro');
    expect(m.hash).toBe(await weightsHash(trainedBytes));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('falls back to the untrained seed-0 model (the CLI default) on 404, network errors or no URL', async () => {
    const c = new VrvqCodec('vrvq-micro', 0);
    const expected = await weightsHash(await c.toWeights());
    c.dispose();
    const failing: FetchFn = async () => {
      throw new TypeError('Failed to fetch');
    };
    for (const m of [
      await modelBytes(option, serve(null)),
      await modelBytes(option, failing),
      await modelBytes({ ...option, weightsUrl: null }, serve(trainedBytes)),
    ]) {
      expect(m.trained).toBe(false);
      expect(m.hash).toBe(expected);
      expect(m.source).toMatch(/untrained/);
    }
  });

  it('reports a corrupt weights file instead of silently running a random model', async () => {
    await expect(modelBytes(option, serve(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])))).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
  });
});
