/** Where this code runs, as far as backend selection cares. */

/** True in Node (a `process.versions.node` and no `window`), false in browsers and workers. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return p?.versions?.node !== undefined && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/** True when `navigator.gpu` exists (a WebGPU browser, or Node after `installNodeWebgpu`). */
export function hasNavigatorGpu(): boolean {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  return nav?.gpu !== undefined && nav.gpu !== null;
}
