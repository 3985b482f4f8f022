import * as tf from '@tensorflow/tfjs-core';
import { CoreError } from './core-error.js';
import { registerGradients } from './register-gradients.js';
import { patchedWasmKernels, registerWasmKernels } from './wasm-kernels/register.js';

/** What `initBackend` selected. */
export interface BackendInfo {
  /** tfjs backend name: 'wasm', 'cpu', 'webgpu', or a user-registered one such as 'tensorflow'. */
  name: string;
  /** Worker threads the backend computes with (1 unless the threaded wasm build is running). */
  threads: number;
  /** Whether the wasm SIMD build is running (false on other backends). */
  simd: boolean;
  /** Kernels this package supplies because the backend lacks them (e.g. wasm's weight gradient). */
  kernelsPatched: string[];
}

export interface InitBackendOptions {
  /** wasm worker threads (takes effect only where the threaded build loads, i.e. cross-origin isolated browsers). */
  threads?: number;
  /** Where the browser finds tfjs's `.wasm` files (a folder URL ending in '/' or a per-file map). Not needed in Node. */
  wasmPaths?: string | Record<string, string>;
}

const BUILT_IN = ['wasm', 'cpu', 'webgpu'] as const;

let current: BackendInfo | null = null;

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return p?.versions?.node !== undefined && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

function hasNavigatorGpu(): boolean {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  return nav?.gpu !== undefined && nav.gpu !== null;
}

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

async function loadWebgpu(): Promise<void> {
  if (!hasNavigatorGpu()) {
    throw new CoreError(
      'WEBGPU_MISSING',
      isNode()
        ? "WebGPU is not available: navigator.gpu is missing. In Node, install the 'webgpu' package and set globalThis.navigator = { gpu: create([]) } before calling initBackend('webgpu')."
        : 'WebGPU is not available in this browser (navigator.gpu is missing); use wasm instead.',
    );
  }
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!isRegistered('webgpu')) {
    throw new CoreError(
      'BACKEND_UNAVAILABLE',
      'The WebGPU backend did not register: @tensorflow/tfjs-backend-webgpu was loaded before navigator.gpu existed.',
    );
  }
}

/**
 * Selects and initialises a tfjs backend. Built-in names load their package on demand
 * ('wasm', 'cpu', 'webgpu'); any other name must already be registered (e.g. tfjs-node's
 * 'tensorflow'). Registers tfjs-core's gradients, and on wasm the kernels it lacks for training.
 * The only place in the code base that calls `tf.setBackend`.
 */
export async function initBackend(name?: string, opts: InitBackendOptions = {}): Promise<BackendInfo> {
  const chosen = name ?? defaultBackendName();
  await registerGradients();
  let kernelsPatched: string[] = [];
  if (chosen === 'wasm') {
    await loadWasm(opts);
    kernelsPatched = registerWasmKernels();
  } else if (chosen === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
  } else if (chosen === 'webgpu') {
    await loadWebgpu();
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
  current = { name: chosen, threads, simd, kernelsPatched };
  return { ...current, kernelsPatched: [...kernelsPatched] };
}

/**
 * The active backend as `initBackend` reported it; if something else switched backends since,
 * a minimal description of the active one; null if no backend is active yet.
 */
export function currentBackend(): BackendInfo | null {
  const active = tf.engine().backendName;
  if (active == null) return null;
  if (current !== null && current.name === active) return { ...current, kernelsPatched: [...current.kernelsPatched] };
  return {
    name: active,
    threads: 1,
    simd: false,
    kernelsPatched: active === 'wasm' ? patchedWasmKernels() : [],
  };
}
