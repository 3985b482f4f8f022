// Test-only helper (not exported from the package): runs a describe block on each backend.
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers no gradients by itself; applications import this once (core's backend module).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe } from 'vitest';

export const BACKENDS = ['cpu', 'wasm'] as const;

/** `describe(name)` once per backend, with that backend active in `beforeAll`. */
export function describeBackends(name: string, body: (backend: string) => void): void {
  for (const backend of BACKENDS) {
    describe(`${name} [${backend}]`, () => {
      beforeAll(async () => {
        await tf.setBackend(backend);
        await tf.ready();
      });
      body(backend);
    });
  }
}

/** Flat JS copy of a tensor's values (synchronous read). */
export function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}
