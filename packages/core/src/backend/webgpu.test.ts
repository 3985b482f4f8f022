// WebGPU correctness against wasm: every core op (forward and gradients), this package's WebGPU
// kernel fixes, a vrvq-micro codec analyse/decode, and one training gradient. Runs where a WebGPU
// adapter comes up (in CI: the SwiftShader Vulkan driver of Debian's chromium package); elsewhere
// it skips with the reason, except where an adapter is required (VRVQ_REQUIRE_WEBGPU=1, which
// .ci/run sets, or CI=true with SwiftShader installed): there a missing adapter fails.
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@vrvq/rvq';
import { describe, expect, it } from 'vitest';
import { VrvqCodec } from '../model/codec.js';
import { conv1d, convTranspose1d, conv2d, reflectPad1d, snake } from '../ops/index.js';
import { rand } from '../ops/test-helpers.js';
import { CoreError } from './core-error.js';
import { type BackendInfo, currentBackend, initBackend } from './init-backend.js';
import { SWIFTSHADER_ICD } from './webgpu-node.js';

/** Relative tolerance (to each output's largest magnitude) for computations without a sine. */
const TOL = 1e-4;
/**
 * For anything through Snake: WGSL only bounds sin to 2^-11 absolute on [−π, π]; SwiftShader's
 * measured 1.9e-4 (wasm's float32 sin: 2.4e-7; its Snake kernel works in float64). Measured on
 * SwiftShader: Snake 1.3e-4, vrvq-micro analyse/decode 1.7e-4, its gradients 5.8e-4.
 */
const SIN_TOL = 3e-3;

type Probe = { info: BackendInfo } | { skip: string } | { error: unknown };

/** Brings WebGPU up once; 'skip' only where the machine has no adapter or no `webgpu` package. */
async function probe(): Promise<Probe> {
  try {
    return { info: await initBackend('webgpu') };
  } catch (e) {
    if (e instanceof CoreError && (e.code === 'WEBGPU_NO_ADAPTER' || e.code === 'WEBGPU_MISSING')) return { skip: e.message };
    return { error: e };
  }
}

const probed = await probe();
// Run every op on the GPU: by default tfjs-webgpu computes small tensors whose values are still
// on the CPU with the cpu backend's kernels, which would bypass what is tested here.
if ('info' in probed) tf.env().set('WEBGPU_CPU_FORWARD', false);
const mustRun = process.env.VRVQ_REQUIRE_WEBGPU === '1' || (process.env.CI === 'true' && existsSync(SWIFTSHADER_ICD));
if ('skip' in probed) console.warn(`webgpu tests skipped: ${probed.skip}`);
const ready = 'info' in probed;

describe('WebGPU in Node', () => {
  it.runIf(mustRun || !('skip' in probed))('comes up and reports its adapter (required in CI)', () => {
    if ('error' in probed) throw probed.error;
    if ('skip' in probed) throw new Error(`a WebGPU adapter is required here but did not come up: ${probed.skip}`);
    const { info } = probed;
    expect(info.name).toBe('webgpu');
    expect(info.kernelsPatched).toEqual(['AddN', 'Cast', 'Reverse', 'Transpose']);
    const a = info.adapter!;
    expect(a.vendor.length + a.description.length).toBeGreaterThan(0);
    if (/swiftshader/i.test(`${a.architecture} ${a.description}`)) expect(a.software).toBe(true);
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeDefined();
    console.info(`webgpu adapter: ${JSON.stringify(a)}`);
  });

  it.runIf(ready)('initBackend again: same adapter; currentBackend reports it', async () => {
    const again = await initBackend('webgpu');
    expect(again).toEqual((probed as { info: BackendInfo }).info);
    expect(currentBackend()).toEqual(again);
  });

  it.runIf(ready)('dataSync of a GPU tensor fails with a CoreError naming await data()', async () => {
    await initBackend('webgpu');
    const x = tf.tensor1d([1, 2]);
    expect(Array.from(x.dataSync())).toEqual([1, 2]); // still on the CPU: reads as before
    const y = tf.add(x, 1); // computed on the GPU
    expect(() => y.dataSync()).toThrow(expect.objectContaining({ code: 'WEBGPU_SYNC_READ', message: expect.stringContaining('await tensor.data()') }));
    expect(Array.from(await y.data())).toEqual([2, 3]);
    tf.dispose([x, y]);
  });
});

interface ErrorScopes {
  pushErrorScope(filter: 'validation'): void;
  popErrorScope(): Promise<{ message: string } | null>;
}

/**
 * Runs `body` on a backend and checks it leaves no tensors behind. On webgpu it also fails on
 * any GPU validation error meanwhile: tfjs only logs those, and the failed program's output
 * silently reads as zeros.
 */
async function onBackend<T>(name: string, body: () => Promise<T>): Promise<T> {
  await initBackend(name);
  const device = name === 'webgpu' ? (tf.backend() as unknown as { device: ErrorScopes }).device : null;
  device?.pushErrorScope('validation');
  let out: T;
  const before = tf.memory().numTensors;
  try {
    out = await body();
  } finally {
    const err = await device?.popErrorScope();
    expect(err?.message ?? null, 'WebGPU validation error').toBeNull();
  }
  expect(tf.memory().numTensors, `tensors left on ${name}`).toBe(before);
  return out;
}

/** Reads tensors asynchronously (Node cannot read WebGPU tensors synchronously) and disposes them. */
async function readAll(ts: tf.Tensor[]): Promise<Float32Array[]> {
  const out = (await Promise.all(ts.map((t) => t.data()))) as Float32Array[];
  tf.dispose(ts);
  return out;
}

/** Runs `f` on wasm, then on webgpu (in that order: WebGPU tensors cannot move back synchronously). */
async function onBoth(f: () => tf.Tensor[]): Promise<{ ref: Float32Array[]; got: Float32Array[] }> {
  const ref = await onBackend('wasm', () => readAll(f()));
  const got = await onBackend('webgpu', () => readAll(f()));
  return { ref, got };
}

/**
 * Each output of webgpu finite and within `tol` of wasm's, relative to the output's largest
 * magnitude or to `floor`, whichever is larger. Returns the worst such relative difference.
 */
function expectClose(
  { ref, got }: { ref: ArrayLike<number>[]; got: ArrayLike<number>[] },
  tol: number,
  names: string[],
  floor = 0,
): number {
  expect(got.length).toBe(ref.length);
  let worst = 0;
  ref.forEach((r, i) => {
    expect(Array.from(got[i]).every(Number.isFinite), `${names[i]} finite`).toBe(true);
    expect(got[i].length, `${names[i]} size`).toBe(r.length);
    let diff = 0;
    for (let j = 0; j < r.length; j++) diff = Math.max(diff, Math.abs(got[i][j] - r[j]));
    const e = diff / Math.max(maxAbs(r), floor, 1e-30);
    expect(e, names[i]).toBeLessThan(tol);
    worst = Math.max(worst, e);
  });
  return worst;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** f(inputs) and the gradients of Σ r ⊙ f(inputs) for a fixed random r. */
function valueAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, make: () => tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => {
    const inputs = make();
    const y = f(...inputs);
    const r = rand(y.shape, 77);
    const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r)))(inputs);
    return [y, ...grads];
  });
}

describe.runIf(ready)('core ops on WebGPU match wasm', () => {
  it('conv1d with dilation 3, padding and bias (forward, dx, dw, dbias)', async () => {
    const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      conv1d(x as tf.Tensor3D, w as tf.Tensor3D, b as tf.Tensor1D, { dilation: 3, padding: [4, 2] });
    const out = await onBoth(() => valueAndGrads(f, () => [rand([2, 40, 6], 1), rand([5, 6, 3], 2), rand([5], 3)]));
    expectClose(out, TOL, ['y', 'dx', 'dw', 'dbias']);
  });

  it('conv1d with stride 2 (encoder downsampling)', async () => {
    const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      conv1d(x as tf.Tensor3D, w as tf.Tensor3D, b as tf.Tensor1D, { stride: 2, padding: 1 });
    const out = await onBoth(() => valueAndGrads(f, () => [rand([1, 32, 4], 4), rand([6, 4, 4], 5), rand([6], 6)]));
    expectClose(out, TOL, ['y', 'dx', 'dw', 'dbias']);
  });

  it('convTranspose1d with stride 5 (forward, dx, dw, dbias)', async () => {
    const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      convTranspose1d(x as tf.Tensor3D, w as tf.Tensor3D, b as tf.Tensor1D, { stride: 5, padding: 3 });
    const out = await onBoth(() => valueAndGrads(f, () => [rand([2, 12, 4], 7), rand([4, 3, 10], 8), rand([3], 9)]));
    expect(out.got[0].length).toBe(2 * (11 * 5 - 6 + 10) * 3); // [2, (T−1)·5 − 2·3 + 10, 3]
    expectClose(out, TOL, ['y', 'dx', 'dw', 'dbias']);
  });

  it('conv2d with stride [1, 2] and padding (forward, dx, dw, dbias)', async () => {
    const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      conv2d(x as tf.Tensor4D, w as tf.Tensor4D, b as tf.Tensor1D, {
        stride: [1, 2],
        padding: [
          [1, 1],
          [2, 2],
        ],
      });
    const out = await onBoth(() => valueAndGrads(f, () => [rand([1, 9, 10, 3], 10), rand([4, 3, 3, 5], 11), rand([4], 12)]));
    expectClose(out, TOL, ['y', 'dx', 'dw', 'dbias']);
  });

  it('snake (forward, dx, dalpha) within the GPU sine accuracy', async () => {
    const f = (x: tf.Tensor, a: tf.Tensor) => snake(x as tf.Tensor3D, a as tf.Tensor3D);
    const out = await onBoth(() => valueAndGrads(f, () => [rand([2, 30, 5], 13, 3), tf.add(1, rand([1, 5, 1], 14, 0.5))]));
    expectClose(out, SIN_TOL, ['y', 'dx', 'dalpha']);
  });

  it('reflectPad1d (forward, dx)', async () => {
    const f = (x: tf.Tensor) => reflectPad1d(x as tf.Tensor3D, 4, 3);
    const out = await onBoth(() => valueAndGrads(f, () => [rand([2, 10, 3], 15)]));
    expectClose(out, TOL, ['y', 'dx']);
  });

  it('kernel fix: AddN of 1…30 tensors (stock WebGPU reads zeros above 7), exactly as wasm', async () => {
    const counts = [1, 7, 8, 13, 30];
    const out = await onBoth(() => tf.tidy(() => counts.map((n) => tf.addN(Array.from({ length: n }, (_, i) => rand([3, 5], 40 + i))))));
    out.ref.forEach((r, i) => {
      expect(Array.from(out.got[i]), `AddN of ${counts[i]}`).toEqual(Array.from(r));
    });
  });

  it('kernel fixes: Cast int/bool → float, Transpose of int32 and bool, Reverse of rank 5 and 6, exactly as wasm', async () => {
    const ints = (shape: number[]) => tf.tensor(Int32Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => (i * 7919) % 1000 - 500), shape, 'int32');
    const out = await onBoth(() =>
      tf.tidy(() => [
        tf.reverse(rand([2, 3, 2, 4, 3], 16), [1, 3]), // rank 5, two axes
        tf.reverse(rand([2, 2, 3, 2, 2, 3], 17), [0, 5]), // rank 6
        tf.cast(tf.transpose(ints([2, 3, 4]), [2, 0, 1]), 'float32'),
        tf.cast(tf.transpose(ints([3, 5]), [1, 0]), 'float32'),
        tf.cast(tf.transpose(ints([2, 3, 2, 2, 3]), [4, 2, 0, 3, 1]), 'float32'),
        tf.cast(tf.transpose(tf.greater(rand([4, 3, 2], 18), 0), [1, 2, 0]), 'float32'),
        tf.transpose(tf.cast(tf.add(ints([1, 4, 4]), 1), 'float32'), [0, 2, 1]), // a GPU int buffer cast, then moved
        tf.transpose(tf.cast(tf.greater(rand([2, 3, 5], 19), 0), 'float32'), [2, 0, 1]),
        tf.mul(tf.cast(tf.add(tf.scalar(3, 'int32'), 1), 'float32'), 0.5), // scalar
      ]),
    );
    out.ref.forEach((r, i) => {
      expect(Array.from(out.got[i]), `output ${i}`).toEqual(Array.from(r));
    });
  });
});

/** A test signal [B, N, 1]: two sines and deterministic noise. */
function audio(b: number, n: number, seed: number): tf.Tensor3D {
  const rng = new Rng(seed);
  const d = new Float32Array(b * n);
  for (let i = 0; i < b * n; i++) d[i] = 0.3 * Math.sin(i * 0.05 + seed) + 0.2 * Math.sin(i * 0.31) + 0.05 * rng.normal();
  return tf.tensor3d(d, [b, n, 1]);
}

// The codec is built on wasm; its parameters move to WebGPU on first use there (never back:
// WebGPU tensors cannot be read synchronously in Node), so each test runs wasm first.
describe.runIf(ready)('vrvq-micro on WebGPU matches wasm', () => {
  it('analyze: same importance map and codes; decodeCodes of the same codes: same audio', async () => {
    await initBackend('wasm');
    const codec = new VrvqCodec('vrvq-micro', 5);
    const frames = 16;
    const counts = Int32Array.from({ length: frames }, (_, t) => 1 + (t % 4)); // every count 1..N_q
    const run = (codesIn: Int32Array | null) => async () => {
      const x = audio(1, frames * codec.hop, 1); // [1, N, 1]
      const a = codec.analyze(x); // codes int32 [1, Nq, T], p [1, T, 1]
      const codes = (await a.codes.data()) as Int32Array;
      const c = tf.tensor3d(codesIn ?? codes, a.codes.shape, 'int32'); // [1, Nq, T]
      const n = tf.tensor2d(counts, [1, frames], 'int32'); // [1, T]
      const y = codec.decodeCodes(c, n); // [1, N, 1]
      const [p, audioOut] = await readAll([a.p!, y]);
      tf.dispose([x, a.codes, c, n]);
      return { codes, p, y: audioOut };
    };
    const ref = await onBackend('wasm', run(null));
    const got = await onBackend('webgpu', run(ref.codes));
    codec.dispose();
    const worst = expectClose({ ref: [ref.p, ref.y], got: [got.p, got.y] }, SIN_TOL, ['p', 'decoded audio']);
    // Codes are argmins: a near-tie may flip on another backend, but not many.
    const same = ref.codes.filter((v, i) => v === got.codes[i]).length;
    expect(same / ref.codes.length).toBeGreaterThanOrEqual(0.95);
    console.info(`vrvq-micro analyze/decode: worst relative difference ${worst.toExponential(2)}, codes equal ${same}/${ref.codes.length}`);
  });

  it('trainForward (VBR): same loss, counts and gradients of every parameter', async () => {
    await initBackend('wasm');
    const codec = new VrvqCodec('vrvq-micro', 3);
    const names = codec.namedParameters().map(([n]) => n);
    const run = async () => {
      const x = audio(2, 4 * codec.hop, 2); // [2, N, 1]
      const rng = new Rng(9);
      let counts: tf.Tensor | null = null;
      const { value, grads } = tf.variableGrads(() => {
        // Importance masks only (no full-codebook rows concatenated): the mask stays a
        // bool → float cast into the VQ losses, the case the Cast/Transpose fixes are for.
        const out = codec.trainForward(x, { mode: 'vbr', rng, fullCodebookRate: 0, levels: { min: 0.5, max: 2 } });
        counts = tf.keep(out.counts); // int32 [B, T]
        const l1 = tf.mean(tf.abs(tf.sub(out.y, x)));
        return tf.addN([l1, out.codebook, tf.mul(0.25, out.commitment), out.rate]) as tf.Scalar;
      }, codec.parameters());
      const ordered = codec.namedParameters().map(([, v]) => grads[v.name]);
      const [c, loss, ...g] = await readAll([counts!, value, ...ordered]);
      tf.dispose([x, ...Object.values(grads)]);
      return { counts: c, out: [loss, ...g] };
    };
    const ref = await onBackend('wasm', run);
    const got = await onBackend('webgpu', run);
    codec.dispose();
    expect(Array.from(got.counts)).toEqual(Array.from(ref.counts));
    expectClose({ ref: ref.out.slice(0, 1), got: got.out.slice(0, 1) }, TOL, ['loss']);
    // A gradient far below the others (a sum with cancellations) is held to a share of the
    // gradient scale, not to its own magnitude.
    const scale = Math.max(...ref.out.slice(1).map(maxAbs));
    const worst = expectClose({ ref: ref.out.slice(1), got: got.out.slice(1) }, SIN_TOL, names.map((n) => `d ${n}`), 0.01 * scale);
    console.info(`vrvq-micro train gradients: worst relative difference ${worst.toExponential(2)} over ${names.length} parameters`);
  });
});
