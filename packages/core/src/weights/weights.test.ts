import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@vrvq/rvq';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { VrvqCodec } from '../model/codec.js';
import { PRESETS } from '../presets/builtin.js';
import { META, presetFromWeights, weightsHash } from './model-weights.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';

function clip(n: number, seed: number): tf.Tensor3D {
  const rng = new Rng(seed);
  return tf.tensor3d(Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin(i / 7) + 0.05 * rng.normal()), [1, n, 1]);
}

/**
 * Lays out a checkpoint byte by byte the way PyTorch's safetensors export does: u64 LE header
 * size, JSON header with dtype/shape/data_offsets in state_dict order, then raw float32 LE data.
 * Written independently of `writeSafetensors` so a bug shared by writer and reader cannot hide.
 */
function handWrittenCheckpoint(entries: Array<[string, number[], Float32Array]>): Uint8Array {
  const header: Record<string, unknown> = {};
  let off = 0;
  for (const [name, shape, data] of entries) {
    header[name] = { dtype: 'F32', shape, data_offsets: [off, off + data.length * 4] };
    off += data.length * 4;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + off);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, json.length, true); // low word of the u64
  out.set(json, 8);
  let pos = 8 + json.length;
  for (const [, , data] of entries) {
    for (const v of data) {
      dv.setFloat32(pos, v, true);
      pos += 4;
    }
  }
  return out;
}

describe('weights', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('save → load reproduces outputs bit-exactly and keeps the preset', async () => {
    const a = new VrvqCodec('vrvq-micro', 11);
    const bytes = await a.toWeights({ 'vrvq.note': 'test' });
    const b = VrvqCodec.fromWeights(bytes);
    expect(b.preset).toEqual(a.preset);
    const x = clip(64 * 8, 1);
    const ra = a.analyze(x);
    const rb = b.analyze(x);
    expect(Array.from(rb.codes.dataSync())).toEqual(Array.from(ra.codes.dataSync()));
    const ya = a.decodeCodes(ra.codes, 3);
    const yb = b.decodeCodes(rb.codes, 3);
    expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
    tf.dispose([x, ra.codes, ra.p!, rb.codes, rb.p!, ya, yb]);
    expect(readSafetensors(bytes).metadata['vrvq.note']).toBe('test');
    a.dispose();
    b.dispose();
  });

  it('loads a checkpoint laid out by hand as PyTorch names and lays it out', () => {
    const model = new VrvqCodec('vrvq-micro', 0);
    const rng = new Rng(5);
    const entries: Array<[string, number[], Float32Array]> = model
      .namedParameters()
      .map(([name, v]) => [name, v.shape.slice(), Float32Array.from({ length: v.size }, () => rng.normal())]);
    const bytes = handWrittenCheckpoint(entries);
    const file = readSafetensors(bytes);
    expect(presetFromWeights(file)).toBeNull();
    const loaded = VrvqCodec.fromWeights(bytes, PRESETS['vrvq-micro']);
    const byName = new Map(loaded.namedParameters());
    for (const [name, shape, data] of entries) {
      const v = byName.get(name)!;
      expect(v.shape, name).toEqual(shape);
      expect(Array.from(v.dataSync()), name).toEqual(Array.from(data));
    }
    model.dispose();
    loaded.dispose();
  });

  it('a file without a preset needs one', () => {
    const bytes = handWrittenCheckpoint([['x', [1], new Float32Array([1])]]);
    expect(() => VrvqCodec.fromWeights(bytes)).toThrow(/carries no preset/);
  });

  it('names missing, mis-shaped and unexpected tensors in one error', async () => {
    const model = new VrvqCodec('vrvq-micro', 0);
    const good = readSafetensors(await model.toWeights());
    const arrays = [...good.tensors.values()].filter((t) => t.name !== 'decoder.model.0.bias');
    const i = arrays.findIndex((t) => t.name === 'encoder.block.0.weight_v');
    arrays[i] = { name: arrays[i].name, shape: [1, 1, 1], data: new Float32Array(1) };
    arrays.push({ name: 'discriminator.extra', shape: [2], data: new Float32Array(2) });
    const bytes = writeSafetensors(arrays, good.metadata);
    let msg = '';
    try {
      VrvqCodec.fromWeights(bytes);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/missing \(1\): decoder\.model\.0\.bias/);
    expect(msg).toMatch(/wrong shape \(1\): encoder\.block\.0\.weight_v: file \[1,1,1\]/);
    expect(msg).toMatch(/unexpected \(1\): discriminator\.extra/);
    model.dispose();
  });

  it('rejects corrupt files with a clear message, never a giant allocation', async () => {
    const model = new VrvqCodec('vrvq-micro', 0);
    const bytes = await model.toWeights();
    expect(() => readSafetensors(bytes.subarray(0, 5))).toThrow(/only 5 bytes/);
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/does not match/);
    const huge = bytes.slice();
    new DataView(huge.buffer).setBigUint64(0, 1n << 60n, true);
    expect(() => readSafetensors(huge)).toThrow(/header length/);
    const notJson = bytes.slice();
    notJson[9] = 0xff;
    expect(() => readSafetensors(notJson)).toThrow(/not UTF-8 JSON/);
    const badPreset = writeSafetensors([], { [META.preset]: '{"name": 3}' });
    expect(() => VrvqCodec.fromWeights(badPreset)).toThrow(/invalid model preset: name/);
    model.dispose();
  });

  it('reads float16 and bfloat16 tensors as float32', () => {
    const header = JSON.stringify({
      h: { dtype: 'F16', shape: [3], data_offsets: [0, 6] },
      b: { dtype: 'BF16', shape: [2], data_offsets: [6, 10] },
    });
    const json = new TextEncoder().encode(header);
    const out = new Uint8Array(8 + json.length + 10);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, json.length, true);
    out.set(json, 8);
    const p = 8 + json.length;
    dv.setUint16(p, 0x3c00, true); // 1.0
    dv.setUint16(p + 2, 0xc000, true); // -2.0
    dv.setUint16(p + 4, 0x3555, true); // ≈ 0.33325
    dv.setUint16(p + 6, 0x3f80, true); // bf16 1.0
    dv.setUint16(p + 8, 0x4049, true); // bf16 ≈ 3.140625
    const f = readSafetensors(out);
    expect(Array.from(f.tensors.get('h')!.data)).toEqual([1, -2, 0.333251953125]);
    expect(Array.from(f.tensors.get('b')!.data)).toEqual([1, 3.140625]);
  });

  it('hashes weights with SHA-256', async () => {
    expect(await weightsHash(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
