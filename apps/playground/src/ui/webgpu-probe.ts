/** What this browser says about WebGPU, for the backend picker (usable in the page and the worker). */
export interface WebGpuProbe {
  available: boolean;
  /** Adapter description (vendor, architecture, device) or why there is none. */
  description: string;
  /** True for a software adapter (SwiftShader, a fallback adapter): correct but very slow. */
  software: boolean;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

type GpuLike = { requestAdapter(): Promise<{ info?: AdapterInfoLike; isFallbackAdapter?: boolean } | null> };

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
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s && s.length > 0);
  const text = parts.join(' ') || 'unnamed adapter';
  const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || /swiftshader|llvmpipe|lavapipe|software/i.test(text);
  return { available: true, description: text, software };
}
