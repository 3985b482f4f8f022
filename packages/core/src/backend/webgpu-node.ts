/**
 * WebGPU for Node through the optional `webgpu` package (Dawn's Node bindings): loads it on
 * demand, installs its globals and `navigator.gpu`, and points the Vulkan loader at SwiftShader
 * (Debian's chromium package) when that driver is present and the user has not chosen one.
 * Browsers never reach this module's imports (`initBackend` calls it only in Node).
 */
import { CoreError } from './core-error.js';
import type { GpuLike } from './webgpu-adapter.js';

/** SwiftShader's Vulkan ICD manifest as Debian's (and Ubuntu's) `chromium` package installs it. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** The Vulkan loader variables that choose drivers; if any is set, the environment is left alone. */
const DRIVER_VARS = ['VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'VK_ADD_DRIVER_FILES'] as const;

/** The exports of the `webgpu` package used here. */
interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/** How `installNodeWebgpu` reached a Vulkan driver. */
export type SwiftShaderRoute =
  /** SwiftShader added next to the system's drivers (Vulkan loader ≥ 1.3.234; real GPUs stay visible). */
  | 'VK_ADD_DRIVER_FILES'
  /** SwiftShader as the only driver (the retry for older loaders). */
  | 'VK_ICD_FILENAMES'
  /** Environment untouched: the user chose drivers, or SwiftShader is not installed. */
  | null;

let dawn: DawnModule | null = null;
let dawnFlags: string[] = [];
let route: SwiftShaderRoute = null;

function env(): Record<string, string | undefined> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

/** `import()` of a specifier held in a variable, so bundlers leave these Node-only imports alone. */
function importAtRuntime<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ /* webpackIgnore: true */ specifier) as Promise<T>;
}

async function swiftShaderInstalled(): Promise<boolean> {
  const fs = await importAtRuntime<{ existsSync(path: string): boolean }>('node:fs');
  return fs.existsSync(SWIFTSHADER_ICD);
}

async function loadDawn(): Promise<DawnModule> {
  if (dawn !== null) return dawn;
  try {
    dawn = await importAtRuntime<DawnModule>('webgpu');
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_MODULE_NOT_FOUND' && /'webgpu'/.test(err.message)) {
      throw new CoreError(
        'WEBGPU_MISSING',
        "WebGPU in Node needs the optional package 'webgpu' (Dawn's Node bindings), which is not installed: run `npm install webgpu@0.6.2` next to @vrvq/core.",
      );
    }
    throw new CoreError('WEBGPU_MISSING', `The 'webgpu' package is installed but its native module failed to load: ${err.message}`);
  }
  return dawn;
}

/** Sets `navigator.gpu`, creating `navigator` on Node 20 and extending Node ≥ 21's own. */
function setNavigatorGpu(gpu: GpuLike): void {
  const g = globalThis as { navigator?: object };
  if (g.navigator === undefined || g.navigator === null) {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  } else {
    Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true, writable: true, enumerable: true });
  }
}

function createGpu(d: DawnModule): GpuLike {
  const gpu = d.create(dawnFlags);
  setNavigatorGpu(gpu);
  return gpu;
}

/**
 * Loads `webgpu`, installs its globals (GPUBufferUsage, …; existing ones are kept) and
 * `navigator.gpu`. `flags` are Dawn options such as 'backend=vulkan' or 'adapter=NAME'.
 * Must run before `@tensorflow/tfjs-backend-webgpu` is imported (it registers only if
 * `navigator.gpu` exists then). If no Vulkan driver variable is set and SwiftShader is
 * installed, sets VK_ADD_DRIVER_FILES to it first (the loader reads it when Dawn starts).
 */
export async function installNodeWebgpu(flags: string[] = []): Promise<SwiftShaderRoute> {
  const vars = env();
  if (DRIVER_VARS.every((v) => vars[v] === undefined || vars[v] === '') && (await swiftShaderInstalled())) {
    vars.VK_ADD_DRIVER_FILES = SWIFTSHADER_ICD;
    route = 'VK_ADD_DRIVER_FILES';
  }
  const d = await loadDawn();
  for (const [name, value] of Object.entries(d.globals)) {
    if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  dawnFlags = [...flags];
  createGpu(d);
  return route;
}

/**
 * For Vulkan loaders older than 1.3.234, which ignore VK_ADD_DRIVER_FILES: if this module set
 * that variable, replaces it by VK_ICD_FILENAMES and installs a fresh `navigator.gpu`.
 * Returns false (and does nothing) when this module did not choose the driver.
 */
export function retryWithSwiftShaderOnly(): boolean {
  if (route !== 'VK_ADD_DRIVER_FILES' || dawn === null) return false;
  const vars = env();
  delete vars.VK_ADD_DRIVER_FILES;
  vars.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  route = 'VK_ICD_FILENAMES';
  createGpu(dawn);
  return true;
}

/** The Vulkan variable this module set to reach SwiftShader, or null. */
export function swiftShaderRoute(): SwiftShaderRoute {
  return route;
}
