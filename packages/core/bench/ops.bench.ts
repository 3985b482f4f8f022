// Throughput of the differentiable primitives on cpu and wasm (run: pnpm bench).
// Sizes follow docs/platform-notes: one DAC residual-unit conv at full rate, a stride-8 upsampler.
import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { initBackend } from '../src/backend/index.js';
import { conv1d, convTranspose1d, conv2d, snake } from '../src/ops/index.js';
import { snakeWithOps } from '../src/ops/snake.js';

interface Row {
  backend: string;
  op: string;
  ms: number;
  cpuMs: number;
  gflops: number | null;
}

/**
 * Best of `reps` runs, as wall time and as this process's CPU time. cpu and wasm compute
 * synchronously on this thread, so CPU time is the op's cost even when other processes share
 * the cores (wall time then swings 2–3×); throughput is computed from CPU time.
 */
function timeIt(reps: number, f: () => tf.Tensor | tf.Tensor[]): { wall: number; cpu: number } {
  tf.dispose(f());
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = f();
    for (const t of Array.isArray(r) ? r : [r]) t.dataSync();
    wall = Math.min(wall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
    tf.dispose(r);
  }
  return { wall, cpu };
}

function fwdBwd(f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[]): () => tf.Tensor[] {
  const g = tf.grads((...xs: tf.Tensor[]) => tf.sum(f(...xs)));
  return () => g(inputs);
}

it('prints GFLOP/s for conv1d, convTranspose1d, conv2d and snake', async () => {
  const rows: Row[] = [];
  const backends = (process.env.BENCH_BACKENDS ?? 'wasm,cpu').split(',');
  for (const backend of backends) {
    await initBackend(backend);
    const reps = backend === 'cpu' ? 1 : 5;
    // cpu is ~30× slower: a quarter of the length keeps the bench short (GFLOP/s is size-independent here).
    const T = backend === 'cpu' ? 4096 : 16384;
    const C = 64;
    const K = 7;
    const add = (op: string, flops: number | null, f: () => tf.Tensor | tf.Tensor[]) => {
      const { wall, cpu } = timeIt(reps, f);
      rows.push({ backend, op, ms: wall, cpuMs: cpu, gflops: flops === null ? null : flops / (cpu * 1e6) });
    };
    const x = tf.randomNormal([1, T, C]) as tf.Tensor3D;
    const w = tf.randomNormal([C, C, K], 0, 0.1) as tf.Tensor3D;
    const b = tf.zeros([C]) as tf.Tensor1D;
    const convFlops = 2 * T * C * C * K;
    for (const d of [1, 9]) {
      const opts = { dilation: d, padding: 3 * d };
      add(`conv1d fwd  [1,${T},${C}]·k${K} d${d}`, convFlops, () => conv1d(x, w, b, opts));
      add(`conv1d f+b  [1,${T},${C}]·k${K} d${d}`, 3 * convFlops, fwdBwd((xx, ww, bb) => conv1d(xx as tf.Tensor3D, ww as tf.Tensor3D, bb as tf.Tensor1D, opts), [x, w, b]));
    }
    const s = 8;
    const xs = tf.randomNormal([1, T / s, C]) as tf.Tensor3D;
    const wt = tf.randomNormal([C, C, 2 * s], 0, 0.1) as tf.Tensor3D;
    const tFlops = 2 * (T / s) * C * C * 2 * s;
    const topts = { stride: s, padding: s / 2 };
    add(`convT1d fwd [1,${T / s},${C}] s${s} k${2 * s}`, tFlops, () => convTranspose1d(xs, wt, b, topts));
    add(`convT1d f+b [1,${T / s},${C}] s${s} k${2 * s}`, 3 * tFlops, fwdBwd((xx, ww, bb) => convTranspose1d(xx as tf.Tensor3D, ww as tf.Tensor3D, bb as tf.Tensor1D, topts), [xs, wt, b]));
    const wd = tf.randomNormal([C, C, 2 * s], 0, 0.1) as tf.Tensor3D;
    const dopts = { stride: s, padding: s / 2 };
    add(`conv1d fwd  [1,${T},${C}] s${s} k${2 * s}`, tFlops, () => conv1d(x, wd, b, dopts));
    add(`conv1d f+b  [1,${T},${C}] s${s} k${2 * s}`, 3 * tFlops, fwdBwd((xx, ww, bb) => conv1d(xx as tf.Tensor3D, ww as tf.Tensor3D, bb as tf.Tensor1D, dopts), [x, wd, b]));
    // MRD-like 2-D conv: [1, 128 frames, 128 bins, 32] · k(3,9), stride (1,2).
    const H = backend === 'cpu' ? 32 : 128;
    const x2 = tf.randomNormal([1, H, 128, 32]) as tf.Tensor4D;
    const w2 = tf.randomNormal([32, 32, 3, 9], 0, 0.1) as tf.Tensor4D;
    const b2 = tf.zeros([32]) as tf.Tensor1D;
    const c2opts = { stride: [1, 2] as [number, number], padding: [[1, 1], [4, 4]] as [[number, number], [number, number]] };
    const c2Flops = 2 * H * 64 * 32 * 32 * 27;
    const alpha = tf.ones([1, C, 1]) as tf.Tensor3D;
    add(`snake fwd   [1,${T},${C}]`, null, () => snake(x, alpha));
    add(`snake f+b   [1,${T},${C}]`, null, fwdBwd((xx, aa) => snake(xx as tf.Tensor3D, aa as tf.Tensor3D), [x, alpha]));
    add(`snake fwd (tf ops) [1,${T},${C}]`, null, () => snakeWithOps(x, alpha));
    add(`snake f+b (tf ops) [1,${T},${C}]`, null, fwdBwd((xx, aa) => snakeWithOps(xx as tf.Tensor3D, aa as tf.Tensor3D), [x, alpha]));
    if (process.env.BENCH_SKIP_2D) {
      tf.dispose([x, w, b, xs, wt, wd, alpha]);
      continue;
    }
    add(`conv2d fwd  [1,${H},128,32] k3×9 s1×2`, c2Flops, () => conv2d(x2, w2, b2, c2opts));
    add(`conv2d f+b  [1,${H},128,32] k3×9 s1×2`, 3 * c2Flops, fwdBwd((xx, ww, bb) => conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D, c2opts), [x2, w2, b2]));
    tf.dispose([x, w, b, xs, wt, wd, x2, w2, b2, alpha]);
  }
  const lines = rows.map(
    (r) =>
      `${r.backend.padEnd(5)} ${r.op.padEnd(36)} ${r.ms.toFixed(1).padStart(8)} ${r.cpuMs.toFixed(1).padStart(8)} ${r.gflops === null ? '' : r.gflops.toFixed(2).padStart(8)}`,
  );
  console.log(['backend op                                  wall ms   CPU ms  GFLOP/s (per CPU s)', ...lines].join('\n'));
});
