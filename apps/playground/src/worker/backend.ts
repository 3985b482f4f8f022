import { type BackendInfo, initBackend } from '@vrvq/core';
import { PlaygroundError } from '../errors.js';
import { probeWebGpu } from '../ui/webgpu-probe.js';
import type { BackendChoice, BackendReport } from './protocol.js';
import { WASM_PATHS } from './wasm-paths.js';

const ORDER = ['webgpu', 'wasm', 'cpu'] as const;

async function start(name: string, auto: boolean): Promise<BackendInfo> {
  if (name === 'webgpu') {
    const probe = await probeWebGpu();
    if (!probe.available) throw new Error(`unavailable (${probe.description})`);
    // A software adapter computes correctly but ~100× slower than WASM: only on explicit request.
    if (auto && probe.software) throw new Error(`skipped: software adapter (${probe.description}); pick WebGPU explicitly to use it`);
  }
  return initBackend(name, name === 'wasm' ? { wasmPaths: WASM_PATHS } : {});
}

/**
 * Starts the requested backend, or the next one in the order WebGPU → WASM → CPU. 'auto' starts at
 * WebGPU on a hardware adapter. Reports what runs and why the others did not.
 */
export async function startBackend(requested: BackendChoice): Promise<BackendReport> {
  const order = requested === 'auto' ? [...ORDER] : [requested, ...ORDER.filter((b) => b !== requested)];
  const fallbacks: string[] = [];
  for (const name of order) {
    try {
      const info = await start(name, requested === 'auto');
      return { requested, name: info.name, threads: info.threads, simd: info.simd, fallbacks };
    } catch (e) {
      fallbacks.push(`${name}: ${(e as Error).message}`);
    }
  }
  throw new PlaygroundError('BACKEND_FAILED', `No tfjs backend could start (${fallbacks.join('; ')}).`);
}

/**
 * The backend untrained models are built on: wasm, as the CLI does in Node, so their weights and
 * hash match the CLI's (weight-norm gains are computed on the backend). CPU if wasm cannot load.
 */
export async function startBuildBackend(): Promise<string> {
  try {
    return (await start('wasm', false)).name;
  } catch {
    return (await start('cpu', false)).name;
  }
}
