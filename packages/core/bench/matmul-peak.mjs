#!/usr/bin/env node
// The machine's practical fp32 peak on a backend: a rank-2 512×512 · 512×512 matMul (no
// transposes), best of N runs, as GFLOP/s of CPU time and of wall time. Run on the built dist:
//   node bench/matmul-peak.mjs [--backend wasm] [--size 512] [--reps 20]
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../dist/index.js';
import { cpuNow } from './kernel-profiler.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const backend = opt('backend', 'wasm');
const n = Number(opt('size', '512'));
const reps = Number(opt('reps', '20'));
await initBackend(backend);
const a = tf.randomNormal([n, n]);
const b = tf.randomNormal([n, n]);
const run = () => {
  const c = tf.matMul(a, b);
  c.dataSync();
  c.dispose();
};
run();
let cpu = Number.POSITIVE_INFINITY;
let wall = Number.POSITIVE_INFINITY;
for (let i = 0; i < reps; i++) {
  const c0 = cpuNow();
  const t0 = performance.now();
  run();
  wall = Math.min(wall, performance.now() - t0);
  cpu = Math.min(cpu, cpuNow() - c0);
}
const flop = 2 * n ** 3;
console.log(
  `matMul ${n}³ on ${backend}: ${(flop / cpu / 1e6).toFixed(1)} GFLOP/s (CPU time, best of ${reps}), ${(flop / wall / 1e6).toFixed(1)} GFLOP/s (wall)`,
);
