import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initBackend, StreamingAnalyzer, StreamingSynthesizer, VrvqCodec, weightsHash } from '@vrvq/core';
import { Rng } from '@vrvq/rvq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DecodeSink, decodeStream } from '../codec/decode.js';
import { encodeAudio } from '../codec/encode.js';
import type { AudioInput } from '../io/audio-input.js';
import type { LoadedModel } from '../model.js';
import { InferencePool, workerExecArgv } from './pool.js';
import { createAnalyzer, createSynthesizer } from './streams.js';
import { chooseThreads, defaultThreads, WorkerThreads } from './threads.js';

// Worker threads must compute exactly what one thread computes: same windows, same bits.
// The worker runs from a bundle of src/parallel/worker.ts made here (the CLI build makes
// dist/inference-worker.js the same way); @vrvq/core resolves to its build, as in these tests.

let workerUrl: URL;
let model: LoadedModel;
let weights: Uint8Array;
let pool: InferencePool;

beforeAll(async () => {
  const dir = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'vrvq-tests');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'inference-worker.mjs');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(import.meta.dirname, 'worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  workerUrl = pathToFileURL(outfile);
  await initBackend('wasm');
  const codec = new VrvqCodec('vrvq-micro', 5);
  weights = await codec.toWeights();
  model = { codec, name: 'vrvq-micro', hash: await weightsHash(weights), trained: false, source: 'test' };
  pool = await InferencePool.start({ threads: 2, backend: 'wasm', weights, workerUrl });
});

afterAll(async () => {
  await pool?.close();
  model?.codec.dispose();
});

function signal(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, (_, i) => 0.4 * Math.sin(i / 9) * Math.sin(i / 300) + 0.05 * rng.normal());
}

const same = (a: ArrayBufferView, b: ArrayBufferView) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function memoryInput(channels: Float32Array[], sampleRate: number): AudioInput {
  const frames = channels[0].length;
  return {
    name: 'memory',
    sampleRate,
    channels: channels.length,
    frames,
    async *blocks(n: number) {
      for (let i = 0; i < frames; i += n) yield channels.map((c) => c.subarray(i, i + n));
    },
    close: async () => {},
  };
}

async function encodeBytes(input: AudioInput, p: InferencePool | null, rate: Parameters<typeof encodeAudio>[3]['rate']) {
  const parts: Uint8Array[] = [];
  await encodeAudio(input, model, async (b) => void parts.push(b.slice()), { rate, coding: 'raw', windowFrames: 16, pool: p });
  return Buffer.concat(parts);
}

async function decodeSamples(bytes: Uint8Array, p: InferencePool | null, sampleRate?: number) {
  const out: Float32Array[][] = [];
  const sink: DecodeSink = {
    start: async (h) => {
      for (let c = 0; c < h.channels; c++) out.push([]);
    },
    write: async (ch) => {
      for (const [c, b] of ch.entries()) out[c].push(b.slice());
    },
  };
  const source = (async function* () {
    for (let i = 0; i < bytes.length; i += 777) yield bytes.subarray(i, i + 777);
  })();
  await decodeStream(source, model, sink, { windowFrames: 12, sampleRate, pool: p });
  return out.map((blocks) => Buffer.concat(blocks.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength))));
}

describe('worker threads give the single-thread bits', () => {
  it('analysis: same frames, codes and importance as StreamingAnalyzer', async () => {
    const x = signal(64 * 300 + 29, 1); // vrvq-micro: hop 64; 300 frames in windows of 16 → 19 windows
    const rng = new Rng(4);
    const local = new StreamingAnalyzer(model.codec, { windowFrames: 16 });
    const remote = createAnalyzer(model.codec, { windowFrames: 16, pool });
    const a = [];
    const b = [];
    for (let i = 0; i < x.length; ) {
      const n = 1 + rng.int(3000);
      a.push(...(await local.pushAsync(x.subarray(i, i + n))));
      b.push(...(await remote.push(x.subarray(i, i + n))));
      i += n;
    }
    a.push(...(await local.finishAsync()));
    b.push(...(await remote.finish()));
    expect(b.length).toBeGreaterThan(10);
    expect(b.map((f) => [f.start, f.frames])).toEqual(a.map((f) => [f.start, f.frames]));
    for (const [i, f] of b.entries()) {
      expect(same(f.codes, a[i].codes)).toBe(true);
      expect(same(f.p!, a[i].p!)).toBe(true);
    }
  });

  it('synthesis: same samples as StreamingSynthesizer', async () => {
    const nq = model.codec.preset.nCodebooks;
    const frames = 211;
    const rng = new Rng(8);
    const counts = Int32Array.from({ length: frames }, () => 1 + rng.int(nq));
    const codes = Int32Array.from({ length: frames * nq }, () => rng.int(model.codec.preset.codebookSize));
    const local = new StreamingSynthesizer(model.codec, { windowFrames: 12 });
    const remote = createSynthesizer(model.codec, { windowFrames: 12, pool });
    const a: Float32Array[] = [];
    const b: Float32Array[] = [];
    for (let t = 0; t < frames; ) {
      const k = Math.min(frames - t, 1 + rng.int(30));
      a.push(await local.pushAsync(counts.subarray(t, t + k), codes.subarray(t * nq, (t + k) * nq)));
      b.push(await remote.push(counts.subarray(t, t + k), codes.subarray(t * nq, (t + k) * nq)));
      t += k;
    }
    a.push(await local.finishAsync());
    b.push(await remote.finish());
    const cat = (parts: Float32Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
    expect(cat(b).length).toBe(frames * model.codec.hop * 4);
    expect(cat(b).equals(cat(a))).toBe(true);
  });

  it('encode and decode: identical .vrvq bytes and samples (stereo, resampled, VBR and --kbps)', async () => {
    const rate = 22050; // resampled to the model's 16 kHz and back
    const n = Math.round(rate * 2.3);
    const input = () => memoryInput([signal(n, 2), signal(n, 3)], rate);
    for (const choice of [{ kind: 'level', level: 1 } as const, { kind: 'kbps', kbps: 3 } as const]) {
      const one = await encodeBytes(input(), null, choice);
      const two = await encodeBytes(input(), pool, choice);
      expect(two.equals(one)).toBe(true);
      const yOne = await decodeSamples(one, null);
      const yTwo = await decodeSamples(one, pool);
      expect(yOne.map((b) => b.length)).toEqual([n * 4, n * 4]);
      expect(yTwo.map((b, c) => b.equals(yOne[c]))).toEqual([true, true]);
    }
  });
});

describe('worker errors are clear errors', () => {
  it('a failing job rejects with the worker named and the error kept; the pool goes on', async () => {
    const bad = { start: 0, skip: 0, take: 1, samples: new Float32Array(65) }; // not a whole hop
    const err = (await pool.analyze(bad).then(
      () => null,
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/^inference worker \d: audio length 65 is not a positive multiple of the hop 64/);
    expect(err.name).toBe('CoreError');
    expect(err.code).toBe('BAD_INPUT');
    const ok = await pool.analyze({ start: 0, skip: 0, take: 2, samples: signal(128, 1) });
    expect(ok.frames).toBe(2);
  });

  it('bad weights: start fails naming the worker, and no worker is left running', async () => {
    const open = InferencePool.open;
    const junk = new Uint8Array(64).fill(7);
    await expect(InferencePool.start({ threads: 2, backend: 'wasm', weights: junk, workerUrl })).rejects.toThrow(/inference worker \d could not start: /);
    expect(InferencePool.open).toBe(open);
  });

  it('a worker that dies fails its job, every later job and the encode using it; close still works', async () => {
    const p = await InferencePool.start({ threads: 2, backend: 'wasm', weights, workerUrl });
    const job = p.analyze({ start: 0, skip: 0, take: 4, samples: signal(64 * 4, 2) });
    // Kill worker 1 (the job's) from outside, as a crash or an out-of-memory abort would.
    await (p as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots[0].worker.terminate();
    await expect(job).rejects.toThrow(/inference worker 1 exited unexpectedly/);
    await expect(p.analyze({ start: 0, skip: 0, take: 1, samples: signal(64, 2) })).rejects.toThrow(/inference worker 1 exited unexpectedly/);
    await expect(encodeBytes(memoryInput([signal(64 * 100, 1)], 16000), p, { kind: 'level', level: 1 })).rejects.toThrow(/exited unexpectedly/);
    await p.close();
    expect(InferencePool.open).toBe(1); // the shared pool of this file
  });

  it('a missing worker script and a backend that cannot run in threads are usage-level errors', async () => {
    await expect(InferencePool.start({ threads: 1, backend: 'wasm', weights, workerUrl: new URL('file:///nonexistent/inference-worker.js') })).rejects.toThrow(
      /inference worker script .* is missing/,
    );
    await expect(InferencePool.start({ threads: 2, backend: 'webgpu', weights, workerUrl })).rejects.toThrow(/need the wasm or cpu backend/);
  });
});

describe('when the threads are used', () => {
  it('not for one window, nor by default for little work; always with --threads N and two windows; for streams of unknown length', async () => {
    const missing = /inference worker script .* is missing/; // from the sources there is no built worker: it tried to start one
    expect(await new WorkerThreads(1, 'wasm', model, true).forJob('analysis', 1e6, 2)).toBeNull();
    const byDefault = new WorkerThreads(2, 'wasm', model);
    expect(await byDefault.forJob('analysis', 3000, 1)).toBeNull(); // vrvq-micro: 3 windows, 0.9 GFLOP
    await expect(byDefault.forJob('analysis', 1e6, 1)).rejects.toThrow(missing); // 300 GFLOP
    await expect(new WorkerThreads(2, 'wasm', model).forJob('synthesis', null, 1)).rejects.toThrow(missing);
    const explicit = new WorkerThreads(2, 'wasm', model, true);
    expect(await explicit.forJob('synthesis', 100, 1)).toBeNull(); // one window
    await expect(explicit.forJob('synthesis', 3000, 1)).rejects.toThrow(missing);
  });
});

describe('worker output', () => {
  it('what a worker prints goes to stderr, never into standard output (where a .vrvq may be streaming)', async () => {
    const noisy = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'vrvq-tests', 'noisy-worker.mjs');
    writeFileSync(noisy, `console.log('noise from a worker');\nawait import(${JSON.stringify(workerUrl.href)});\n`);
    const out: string[] = [];
    const err: string[] = [];
    const so = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => out.push(String(c)) > 0);
    const se = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => err.push(String(c)) > 0);
    try {
      const p = await InferencePool.start({ threads: 1, backend: 'wasm', weights, workerUrl: pathToFileURL(noisy) });
      await p.analyze({ start: 0, skip: 0, take: 1, samples: signal(64, 1) });
      await p.close();
    } finally {
      so.mockRestore();
      se.mockRestore();
    }
    expect(out.join('')).not.toContain('noise from a worker');
    expect(err.join('')).toContain('noise from a worker');
  });
});

describe('worker options', () => {
  it('drop the string-evaluation flags a worker started from a file rejects', () => {
    expect(workerExecArgv(['--input-type=module', '-e', 'code', '--max-old-space-size=100'])).toEqual(['--max-old-space-size=100']);
    expect(workerExecArgv(['--eval', 'x', '-p', 'y', '--conditions', 'node', '--print=z'])).toEqual(['--conditions', 'node']);
  });
});

describe('--threads', () => {
  it('defaults to min(2, cores) on wasm and cpu, 1 elsewhere; rejects bad values', () => {
    const saved = process.env.VRVQ_THREADS;
    delete process.env.VRVQ_THREADS;
    try {
      expect(defaultThreads('wasm')).toBeGreaterThanOrEqual(1);
      expect(defaultThreads('wasm')).toBeLessThanOrEqual(2);
      expect(chooseThreads(undefined, 'webgpu')).toBe(1);
      expect(chooseThreads('3', 'cpu')).toBe(3);
      expect(chooseThreads('1', 'webgpu')).toBe(1);
      expect(() => chooseThreads('0', 'wasm')).toThrow(/--threads must be a whole number from 1 to 64/);
      expect(() => chooseThreads('1.5', 'wasm')).toThrow(/whole number/);
      expect(() => chooseThreads('2', 'webgpu')).toThrow(/needs the wasm or cpu backend/);
      process.env.VRVQ_THREADS = 'x';
      expect(() => chooseThreads(undefined, 'wasm')).toThrow(/VRVQ_THREADS must be/);
    } finally {
      if (saved === undefined) delete process.env.VRVQ_THREADS;
      else process.env.VRVQ_THREADS = saved;
    }
  });
});
