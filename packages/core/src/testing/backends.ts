// Test-only helper (not exported): runs a describe block on each backend through initBackend.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe } from 'vitest';
import { initBackend } from '../backend/index.js';

export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

/** `describe(name)` once per backend, with that backend initialised in `beforeAll`. */
export function describeBackends(name: string, body: (backend: string) => void): void {
  for (const backend of TEST_BACKENDS) {
    describe(`${name} [${backend}]`, () => {
      beforeAll(async () => {
        await initBackend(backend);
        await tf.ready();
      });
      body(backend);
    });
  }
}
