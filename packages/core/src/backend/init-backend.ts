import * as tf from '@tensorflow/tfjs-core';
import { CoreError } from './core-error.js';
import { registerGradients } from './register-gradients.js';
import { hasNavigatorGpu, isNode } from './runtime.js';
import type { WebgpuAdapterInfo } from './webgpu-adapter.js';
import { setUpWebgpu } from './webgpu-setup.js';
import { patchedWasmKernels, registerWasmKernels } from './wasm-kernels/register.js';
import { patchedWebgpuKernels } from './webgpu-kernels/register.js';

/** What `initBackend` selected. */
export interface BackendInfo {
  /** tfjs backend name: 'wasm', 'cpu', 'webgpu', or a user-registered one such as 'tensorflow'. */
  name: string;
  /** Worker threads the backend computes with (1 unless the threaded wasm build is running). */
  threads: number;
  /** Whether the wasm SIMD build is running (false on other backends). */
  simd: boolean;
  /** Kernels this package supplies because the backend lacks them (e.g. wasm's weight gradient) or fixes (webgpu's int-to-float Cast, int Transpose, Reverse above rank 4). */
  kernelsPatched: string[];
  /** WebGPU only: the adapter computing (its vendor, architecture, and whether it is a software one). */
  adapter?: WebgpuAdapterInfo;
}

export interface InitBackendOptions {
  /** wasm worker threads (takes effect only where the threaded build loads, i.e. cross-origin isolated browsers). */
  threads?: number;
  /** Where the browser finds tfjs's `.wasm` files (a folder URL ending in '/' or a per-file map). Not needed in Node. */
  wasmPaths?: string | Record<string, string>;
  /**
   * Node, WebGPU only: options for Dawn's `create` in the `webgpu` package, e.g. 'backend=vulkan',
   * 'adapter=NAME' (a wrong name lists the adapters). Take effect on the first WebGPU use only.
   */
  dawnFlags?: string[];
}

const BUILT_IN = ['wasm', 'cpu', 'webgpu'] as const;

let current: BackendInfo | null = null;

/** The backend `initBackend` picks without a name: wasm in Node; in a browser WebGPU if present, else wasm. */
export function defaultBackendName(): string {
  if (isNode()) return 'wasm';
  return hasNavigatorGpu() ? 'webgpu' : 'wasm';
}

function isRegistered(name: string): boolean {
  return tf.findBackendFactory(name) != null;
}

async function loadWasm(opts: InitBackendOptions): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (opts.wasmPaths !== undefined) {
    wasm.setWasmPaths(opts.wasmPaths as string);
  }
  if (opts.threads !== undefined) {
    if (!Number.isInteger(opts.threads) || opts.threads < 1) {
      throw new CoreError('BAD_ARGUMENT', `threads must be a positive integer, got ${opts.threads}`);
    }
    wasm.setThreadsCount(opts.threads);
  }
}

/**
 * Selects and initialises a tfjs backend. Built-in names load their package on demand
 * ('wasm', 'cpu', 'webgpu'); any other name must already be registered (e.g. tfjs-node's
 * 'tensorflow'). 'webgpu' uses the browser's `navigator.gpu`; in Node it loads the optional
 * `webgpu` package (Dawn) and, when no Vulkan driver variable is set and Debian's chromium
 * SwiftShader driver is installed, sets VK_ADD_DRIVER_FILES to it (docs/webgpu.md). Registers tfjs-core's gradients, and on wasm the kernels it lacks for training.
 * The only place in the code base that calls `tf.setBackend`.
 */
export async function initBackend(name?: string, opts: InitBackendOptions = {}): Promise<BackendInfo> {
  const chosen = name ?? defaultBackendName();
  await registerGradients();
  let kernelsPatched: string[] = [];
  let adapter: WebgpuAdapterInfo | undefined;
  if (chosen === 'wasm') {
    await loadWasm(opts);
    kernelsPatched = registerWasmKernels();
  } else if (chosen === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
  } else if (chosen === 'webgpu') {
    ({ adapter, kernelsPatched } = await setUpWebgpu(opts.dawnFlags));
  } else if (!isRegistered(chosen)) {
    throw new CoreError(
      'BACKEND_UNKNOWN',
      `Unknown backend '${chosen}': use one of ${BUILT_IN.join(', ')}, or register it first (e.g. import '@tensorflow/tfjs-node' for 'tensorflow').`,
    );
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(chosen);
    await tf.ready();
  } catch (e) {
    throw new CoreError('BACKEND_INIT_FAILED', `Backend '${chosen}' failed to initialise: ${(e as Error).message}`);
  }
  if (!ok) throw new CoreError('BACKEND_INIT_FAILED', `Backend '${chosen}' failed to initialise.`);
  let threads = 1;
  let simd = false;
  if (chosen === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    threads = wasm.getThreadsCount();
    simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  }
  current = { name: chosen, threads, simd, kernelsPatched, ...(adapter ? { adapter } : {}) };
  return copyInfo(current);
}

/**
 * The active backend as `initBackend` reported it; if something else switched backends since,
 * a minimal description of the active one; null if no backend is active yet.
 */
export function currentBackend(): BackendInfo | null {
  const active = tf.engine().backendName;
  if (active == null) return null;
  if (current !== null && current.name === active) return copyInfo(current);
  return {
    name: active,
    threads: 1,
    simd: false,
    kernelsPatched: active === 'wasm' ? patchedWasmKernels() : active === 'webgpu' ? patchedWebgpuKernels() : [],
  };
}

function copyInfo(info: BackendInfo): BackendInfo {
  const out: BackendInfo = { ...info, kernelsPatched: [...info.kernelsPatched] };
  if (info.adapter) out.adapter = { ...info.adapter };
  return out;
}
