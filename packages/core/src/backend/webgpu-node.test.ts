// The Node WebGPU set-up when the user points the Vulkan loader at a driver that does not exist:
// Dawn finds no adapter and initBackend explains what to install. Own file: it sets the
// process's Vulkan variables before Dawn starts.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';

const missing = '/nonexistent/vrvq-test-icd.json';
process.env.VK_ICD_FILENAMES = missing;
delete process.env.VK_DRIVER_FILES;
delete process.env.VK_ADD_DRIVER_FILES;

describe("initBackend('webgpu') in Node without a usable driver", () => {
  it('fails with WEBGPU_NO_ADAPTER naming the driver tried and what to install, and leaves the environment alone', async () => {
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();
    const err = await initBackend('webgpu').catch((e: unknown) => e);
    if ((err as { code?: string }).code === 'WEBGPU_MISSING') {
      console.warn(`skipped: ${(err as Error).message}`); // the optional 'webgpu' package is absent here
      return;
    }
    expect(err).toMatchObject({ name: 'CoreError', code: 'WEBGPU_NO_ADAPTER' });
    const msg = (err as Error).message;
    expect(msg).toContain(`VK_ICD_FILENAMES=${missing}`);
    expect(msg).toContain("'chromium' package provides SwiftShader");
    expect(process.env.VK_ICD_FILENAMES).toBe(missing);
    expect(process.env.VK_ADD_DRIVER_FILES).toBeUndefined();
    // navigator.gpu now exists (Dawn loaded), so the failure is the adapter's, not the package's
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeDefined();
    // and the previous backend is untouched
    await initBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
