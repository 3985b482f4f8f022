/**
 * Everything `initBackend('webgpu')` does before `tf.setBackend`: provide `navigator.gpu`
 * (Node: the `webgpu` package; browsers: their own), load tfjs's WebGPU backend, and find an
 * adapter, with errors that say what to install.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CoreError } from './core-error.js';
import { hasNavigatorGpu, isNode } from './runtime.js';
import { type AdapterLike, type GpuLike, type WebgpuAdapterInfo, describeAdapter } from './webgpu-adapter.js';
import { registerWebgpuKernels } from './webgpu-kernels/register.js';
import { patchWebgpuSyncRead } from './webgpu-sync-read.js';
import { SWIFTSHADER_ICD, installNodeWebgpu, retryWithSwiftShaderOnly, swiftShaderRoute } from './webgpu-node.js';

function navigatorGpu(): GpuLike {
  return (globalThis as unknown as { navigator: { gpu: GpuLike } }).navigator.gpu;
}

/** The adapter tfjs's backend factory will get: it asks with the same power preference. */
function requestAdapter(): Promise<AdapterLike | null> {
  const lowPower = tf.env().getBool('WEBGPU_USE_LOW_POWER_GPU');
  return navigatorGpu().requestAdapter({ powerPreference: lowPower ? 'low-power' : 'high-performance' });
}

function noAdapterError(): CoreError {
  if (!isNode()) {
    return new CoreError(
      'WEBGPU_NO_ADAPTER',
      'This browser exposes WebGPU but returned no adapter (GPU blocklisted or WebGPU disabled; headless Chromium needs --enable-unsafe-webgpu): use wasm instead.',
    );
  }
  const vars = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const chosen = ['VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'VK_ADD_DRIVER_FILES']
    .filter((v) => vars[v] !== undefined && vars[v] !== '')
    .map((v) => `${v}=${vars[v]}`);
  const tried =
    swiftShaderRoute() !== null
      ? `SwiftShader (${SWIFTSHADER_ICD}) was tried and gave no adapter either.`
      : chosen.length > 0
        ? `The Vulkan driver chosen by ${chosen.join(', ')} gave none.`
        : `SwiftShader is not installed (${SWIFTSHADER_ICD} is missing).`;
  return new CoreError(
    'WEBGPU_NO_ADAPTER',
    'No WebGPU adapter: Dawn found no usable GPU driver (Vulkan on Linux, Metal on macOS, D3D12 on Windows). ' +
      `${tried} On a machine without a GPU, install a software Vulkan driver: Debian's or Ubuntu's 'chromium' package provides SwiftShader, ` +
      `which vrvq uses automatically when the Vulkan variables are unset (or set VK_ICD_FILENAMES=${SWIFTSHADER_ICD}). ` +
      "Mesa's lavapipe is rejected by Dawn.",
  );
}

/** What `setUpWebgpu` prepared. */
export interface WebgpuSetup {
  /** The adapter tfjs's backend will get. */
  adapter: WebgpuAdapterInfo;
  /** The WebGPU kernels this package replaced (see `registerWebgpuKernels`). */
  kernelsPatched: string[];
}

/**
 * Makes the tfjs 'webgpu' backend ready to be set: `navigator.gpu`, the backend package, its
 * kernel fixes, and an adapter.
 * `dawnFlags` (Node only) are passed to the `webgpu` package's `create` on first use.
 */
export async function setUpWebgpu(dawnFlags: string[] = []): Promise<WebgpuSetup> {
  if (!hasNavigatorGpu()) {
    if (!isNode()) {
      throw new CoreError('WEBGPU_MISSING', 'WebGPU is not available in this browser (navigator.gpu is missing); use wasm instead.');
    }
    await installNodeWebgpu(dawnFlags);
  }
  const tfWebgpu = await import('@tensorflow/tfjs-backend-webgpu');
  patchWebgpuSyncRead(tfWebgpu.WebGPUBackend);
  const kernelsPatched = registerWebgpuKernels(tfWebgpu.webgpu_util);
  if (tf.findBackendFactory('webgpu') == null) {
    throw new CoreError(
      'BACKEND_UNAVAILABLE',
      'The WebGPU backend did not register: @tensorflow/tfjs-backend-webgpu was imported before navigator.gpu existed. Let initBackend load it.',
    );
  }
  let adapter = await requestAdapter();
  if (adapter === null && isNode() && retryWithSwiftShaderOnly()) adapter = await requestAdapter();
  if (adapter === null) throw noAdapterError();
  return { adapter: describeAdapter(adapter), kernelsPatched };
}
