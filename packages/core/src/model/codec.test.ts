import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@vrvq/rvq';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.js';
import { PRESETS } from '../presets/builtin.js';
import { describeBackends } from '../testing/backends.js';
import { VrvqCodec } from './codec.js';

function noise(n: number, seed: number): tf.Tensor3D {
  const rng = new Rng(seed);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = 0.3 * Math.sin(i * 0.05) + 0.1 * rng.normal();
  return tf.tensor3d(d, [1, n, 1]);
}

describe('official parameter layout (cpu)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('dac-44k has exactly the official DAC 44.1 kHz parameter count', () => {
    const codec = new VrvqCodec('dac-44k');
    expect(codec.numParameters()).toBe(76_651_890);
    const names = new Map(codec.namedParameters().map(([n, v]) => [n, v.shape]));
    expect(names.get('encoder.block.0.weight_v')).toEqual([64, 1, 7]);
    expect(names.get('encoder.block.1.block.0.block.1.weight_v')).toEqual([64, 64, 7]);
    expect(names.get('encoder.block.2.block.2.block.1.weight_v')).toEqual([128, 128, 7]);
    expect(names.get('encoder.block.4.block.4.weight_v')).toEqual([1024, 512, 16]);
    expect(names.get('encoder.block.5.alpha')).toEqual([1, 1024, 1]);
    expect(names.get('encoder.block.6.weight_v')).toEqual([1024, 1024, 3]);
    expect(names.get('decoder.model.1.block.1.weight_g')).toEqual([1536, 1, 1]); // per input channel
    expect(names.get('decoder.model.1.block.1.weight_v')).toEqual([1536, 768, 16]);
    expect(names.get('decoder.model.6.weight_v')).toEqual([1, 96, 7]);
    expect(names.get('quantizer.quantizers.8.codebook.weight')).toEqual([1024, 8]);
    expect(names.get('quantizer.quantizers.3.in_proj.weight_v')).toEqual([8, 1024, 1]);
    codec.dispose();
  });

  it('tiny-24k matches the PyTorch reference size (1,971,626 parameters)', () => {
    const codec = new VrvqCodec('tiny-24k');
    expect(codec.numParameters()).toBe(1_971_626);
    codec.dispose();
  });

  it('the VRVQ subnet adds the paper layers (1024→1024→512→128→32→8→1, k=3, Snake before each)', () => {
    const base = PRESETS['vrvq-44k'];
    const codec = new VrvqCodec(base);
    const ch = [1024, 1024, 512, 128, 32, 8, 1];
    let expected = 0;
    for (let i = 0; i + 1 < ch.length; i++) expected += ch[i] + ch[i + 1] * ch[i] * 3 + 2 * ch[i + 1]; // alpha, v, g, bias
    const sub = codec.namedParameters().filter(([n]) => n.startsWith('imp_subnet.'));
    expect(sub.reduce((a, [, v]) => a + v.size, 0)).toBe(expected);
    codec.dispose();
  });
});

describeBackends('VrvqCodec', (backend) => {
  it('analyze → decodeCodes gives audio of the input length and codes of every level', () => {
    const codec = new VrvqCodec('vrvq-micro', 1);
    const before = tf.memory().numTensors;
    const x = noise(64 * 10, 2);
    const { codes, p } = codec.analyze(x);
    expect(codes.shape).toEqual([1, 4, 10]);
    expect(codes.dtype).toBe('int32');
    expect(p!.shape).toEqual([1, 10, 1]);
    const y = codec.decodeCodes(codes, 2);
    expect(y.shape).toEqual([1, 640, 1]);
    const v = y.dataSync();
    expect(v.every((s) => Number.isFinite(s) && Math.abs(s) <= 1)).toBe(true);
    tf.dispose([x, codes, p!, y]);
    expect(tf.memory().numTensors).toBe(before);
    codec.dispose();
  });

  it('rejects audio whose length is not a multiple of the hop', () => {
    const codec = new VrvqCodec('vrvq-micro');
    const x = tf.zeros([1, 100, 1]) as tf.Tensor3D;
    expect(() => codec.analyze(x)).toThrow(/multiple of the hop 64/);
    x.dispose();
    codec.dispose();
  });

  it('trainForward sends gradients to every parameter (VBR)', () => {
    const codec = new VrvqCodec('vrvq-micro', 3);
    const x = tf.concat([noise(64 * 6, 4), noise(64 * 6, 5), noise(64 * 6, 6), noise(64 * 6, 7)], 0) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const rng = new Rng(9);
    const { value, grads } = tf.variableGrads(() => {
      const out = codec.trainForward(x, { mode: 'vbr', rng, levels: { min: 0.5, max: 2 } });
      const l1 = tf.mean(tf.abs(tf.sub(out.y, x)));
      return tf.addN([l1, out.codebook, tf.mul(0.25, out.commitment), out.rate]) as tf.Scalar;
    }, codec.parameters());
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    const names = codec.namedParameters();
    const zero: string[] = [];
    for (const [name, v] of names) {
      const g = grads[v.name];
      expect(g, name).toBeDefined();
      const a = tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]);
      expect(Number.isFinite(a), name).toBe(true);
      if (a === 0 && !name.includes('codebook')) zero.push(name);
    }
    // Codebook rows that no frame selected get no gradient; everything else must learn.
    expect(zero).toEqual([]);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    codec.dispose();
  });

  it('trainForward in CBR mode uses prefix masks and no rate', () => {
    const codec = new VrvqCodec('vrvq-micro', 3);
    const x = tf.concat([noise(128, 1), noise(128, 2)], 0) as tf.Tensor3D;
    const out = codec.trainForward(x, { mode: 'cbr', rng: new Rng(1), dropoutRate: 0.5 });
    expect(out.rate.dataSync()[0]).toBe(0);
    const counts = out.counts.arraySync() as number[][];
    expect(counts[1]).toEqual([4, 4]); // second item keeps all levels
    expect(new Set(counts[0]).size).toBe(1); // first item: one random prefix for all frames
    tf.dispose([x, out.y, out.commitment, out.codebook, out.rate, out.counts]);
    if (out.p) out.p.dispose();
    codec.dispose();
  });

  // 1,000 passes on wasm (fast); the cpu backend is a slow reference, so fewer there.
  const passes = backend === 'wasm' ? 1000 : 100;
  it(`memory stays flat over ${passes} encode+decode passes`, () => {
    const codec = new VrvqCodec('vrvq-micro', 5);
    const x = noise(128, 3);
    const run = () => {
      const { codes, p } = codec.analyze(x);
      const y = codec.decodeCodes(codes);
      tf.dispose([codes, p!, y]);
    };
    run();
    const before = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    for (let i = 0; i < passes; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytes);
    x.dispose();
    codec.dispose();
  });
});
