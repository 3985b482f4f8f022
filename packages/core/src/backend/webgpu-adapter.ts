/** The WebGPU adapter in use, and the few structural WebGPU types this package touches. */

/** The WebGPU adapter `initBackend('webgpu')` found (strings are empty where the platform hides them). */
export interface WebgpuAdapterInfo {
  /** e.g. 'nvidia', 'google'. */
  vendor: string;
  /** e.g. 'ampere', 'swiftshader'. */
  architecture: string;
  /** Device identifier, e.g. 'swiftshader-device-subzero-'. */
  device: string;
  /** Driver description, e.g. 'SwiftShader driver 5.0.0'. */
  description: string;
  /** A CPU implementation (SwiftShader, lavapipe/llvmpipe, WARP): correct, but slower than wasm. */
  software: boolean;
}

/** The parts of `GPUAdapterInfo` read here (older implementations lack some). */
interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** The parts of `GPUAdapter` read here. */
export interface AdapterLike {
  info?: AdapterInfoLike;
  /** Where `info.isFallbackAdapter` is missing (older WebGPU spec). */
  isFallbackAdapter?: boolean;
}

/** The parts of `GPU` (`navigator.gpu`) used here. */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<AdapterLike | null>;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

/** Describes an adapter; `software` from the fallback flag, else from well-known CPU driver names. */
export function describeAdapter(adapter: AdapterLike): WebgpuAdapterInfo {
  const info = adapter.info ?? {};
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  const fallback = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  const software = fallback || SOFTWARE_NAMES.test([vendor, architecture, device, description].join(' '));
  return { vendor, architecture, device, description, software };
}

/** One line for people, e.g. "google swiftshader (SwiftShader driver 5.0.0), software". */
export function adapterSummary(a: WebgpuAdapterInfo): string {
  const name = [a.vendor, a.architecture].filter((s) => s !== '').join(' ') || 'unnamed adapter';
  const desc = a.description !== '' ? ` (${a.description})` : '';
  return `${name}${desc}${a.software ? ', software' : ''}`;
}
