import { describeAdapter } from '@vrvq/core';

/** What this browser says about WebGPU, for the backend picker (usable in the page and the worker). */
export interface WebGpuProbe {
  available: boolean;
  /** Adapter description (vendor, architecture, device) or why there is none. */
  description: string;
  /** True for a software adapter (SwiftShader, a fallback adapter): correct but very slow. */
  software: boolean;
}

type GpuLike = { requestAdapter(): Promise<Parameters<typeof describeAdapter>[0] | null> };

export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { available: false, description: 'navigator.gpu is missing', software: false };
  let adapter: Awaited<ReturnType<GpuLike['requestAdapter']>>;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { available: false, description: `requestAdapter failed: ${(e as Error).message}`, software: false };
  }
  if (!adapter) return { available: false, description: 'no adapter', software: false };
  const a = describeAdapter(adapter); // core's rule for software adapters (SwiftShader, llvmpipe, WARP, fallback)
  const text = [a.vendor, a.architecture, a.device, a.description].filter((x) => x.length > 0).join(' ') || 'unnamed adapter';
  return { available: true, description: text, software: a.software };
}
