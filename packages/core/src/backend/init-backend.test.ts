import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { currentBackend, defaultBackendName, initBackend } from './init-backend.js';

describe('initBackend', () => {
  it('defaults to wasm in Node and patches its missing kernels', async () => {
    expect(defaultBackendName()).toBe('wasm');
    const info = await initBackend();
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(typeof info.simd).toBe('boolean');
    expect(info.kernelsPatched.sort()).toEqual(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Slice', 'UnsortedSegmentSum']);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(currentBackend()).toEqual(info);
  });

  it('selects cpu by name and registers gradients', async () => {
    const info = await initBackend('cpu');
    expect(info).toEqual({ name: 'cpu', threads: 1, simd: false, kernelsPatched: [] });
    expect(tf.getBackend()).toBe('cpu');
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2]));
    expect(Array.from(g.dataSync())).toEqual([2, 4]);
    expect(currentBackend()?.name).toBe('cpu');
  });

  it('switches back and forth (idempotent kernel registration)', async () => {
    await initBackend('wasm');
    const again = await initBackend('wasm');
    expect(again.kernelsPatched.sort()).toEqual(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Slice', 'UnsortedSegmentSum']);
    await initBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('accepts a backend the user registered', async () => {
    tf.registerBackend('user-cpu', () => new MathBackendCPU(), 0);
    const info = await initBackend('user-cpu');
    expect(info.name).toBe('user-cpu');
    expect(tf.getBackend()).toBe('user-cpu');
    expect(currentBackend()?.name).toBe('user-cpu');
    await initBackend('cpu');
    tf.removeBackend('user-cpu');
  });

  it('rejects unknown names with a clear CoreError', async () => {
    await expect(initBackend('no-such-backend')).rejects.toMatchObject({
      name: 'CoreError',
      code: 'BACKEND_UNKNOWN',
      message: expect.stringContaining("Unknown backend 'no-such-backend'"),
    });
  });

  it('validates the thread count', async () => {
    await expect(initBackend('wasm', { threads: 0 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
