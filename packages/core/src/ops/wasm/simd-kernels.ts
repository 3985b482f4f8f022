import type * as tf from '@tensorflow/tfjs-core';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';

// The SIMD kernels of kernels.wat, instantiated against the tfjs wasm backend's own memory so
// that they read and write tensors in place (no copies in or out of the heap).

/** The parts of the tfjs wasm backend used here. */
export interface WasmHeapBackend {
  wasm: { asm?: { memory?: WebAssembly.Memory }; HEAPU8: Uint8Array; _malloc(bytes: number): number; _free(ptr: number): void };
  dataIdMap: { get(id: tf.DataId): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/** The exports of kernels.wat (all pointers are byte offsets into the backend's heap). */
export interface SimdExports {
  snake_fwd(x: number, out: number, a64: number, inv: number, rows: number, cp: number): void;
  snake_bwd(dy: number, x: number, dx: number, a64: number, gain: number, accX: number, accS: number, rows: number, cp: number): void;
  sum_rows(x: number, acc: number, rows: number, cp: number): void;
  overlap_add(cols: number, out: number, bias: number, b: number, t: number, qs: number, c: number, s: number, start: number, len: number): void;
  phase_split(x: number, xr: number, b: number, t: number, cin: number, s: number, pl: number, f: number): void;
}

export interface SimdKernels {
  fn: SimdExports;
  memory: WebAssembly.Memory;
  backend: WasmHeapBackend;
}

let enabled = true;
let bytes: Uint8Array<ArrayBuffer> | null = null;
const instances = new WeakMap<object, SimdKernels | null>();

/** Turns the SIMD kernels off (true → on again), so tests and benchmarks can compare with the JS loops. */
export function setSimdKernelsEnabled(on: boolean): void {
  enabled = on;
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  if (bytes === null) {
    const s = atob(KERNELS_WASM_BASE64);
    bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  }
  return bytes;
}

function instantiate(backend: WasmHeapBackend): SimdKernels | null {
  const memory = backend.wasm?.asm?.memory;
  if (typeof WebAssembly === 'undefined' || !(memory instanceof WebAssembly.Memory)) return null;
  // The threaded build's memory is shared; this module imports a plain memory (JS loops there).
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return null;
  try {
    const b = moduleBytes();
    if (!WebAssembly.validate(b)) return null; // no SIMD in this engine
    const inst = new WebAssembly.Instance(new WebAssembly.Module(b), { env: { memory } });
    return { fn: inst.exports as unknown as SimdExports, memory, backend };
  } catch {
    return null;
  }
}

/** The SIMD kernels for this wasm backend instance, or null where they cannot run (then use JS loops). */
export function simdKernels(backend: unknown): SimdKernels | null {
  if (!enabled || backend === null || typeof backend !== 'object') return null;
  let k = instances.get(backend);
  if (k === undefined) {
    k = instantiate(backend as WasmHeapBackend);
    instances.set(backend, k);
  }
  return k;
}

/** Byte offset of a tensor's data in the heap. */
export function heapOffset(k: SimdKernels, t: tf.TensorInfo): number {
  const d = k.backend.dataIdMap.get(t.dataId);
  if (d === undefined) throw new Error('tensor data is not on the wasm heap');
  return d.memoryOffset;
}

/**
 * Runs `body` with `bytes` of scratch heap memory (8-byte aligned), freed afterwards. Views of
 * the heap taken before the call may be detached by it (malloc can grow the memory).
 */
export function withScratch<T>(k: SimdKernels, nBytes: number, body: (ptr: number) => T): T {
  const ptr = k.backend.wasm._malloc(nBytes + 8);
  try {
    return body((ptr + 7) & ~7);
  } finally {
    k.backend.wasm._free(ptr);
  }
}

/** Least multiple of both c and 4: the row length the SIMD loops step over. */
export function simdRow(c: number): number {
  return c % 4 === 0 ? c : c % 2 === 0 ? 2 * c : 4 * c;
}
