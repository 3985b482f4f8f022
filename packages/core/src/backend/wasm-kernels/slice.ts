import * as tf from '@tensorflow/tfjs-core';

// The parts of the wasm backend this kernel uses.
interface WasmBackendLike {
  dataIdMap: { get(id: tf.DataId): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  wasm: { HEAPU8: Uint8Array };
}

let stockSlice: tf.KernelFunc | null = null;

/**
 * `Slice` for wasm without the stock kernel's full copy of the input (it reads the whole
 * tensor out of the heap before copying the part): contiguous runs are moved inside the wasm
 * heap with `copyWithin`. A run is the innermost sliced axis together with all the full axes
 * after it. Strings go to the stock kernel.
 */
function sliceKernel({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const x = inputs.x!;
  if (x.dtype === 'string' || x.dtype === 'complex64') return stockSlice!({ inputs, attrs, backend });
  const { begin, size } = attrs as unknown as { begin: number[]; size: number[] };
  const [b, s] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
  const be = backend as unknown as WasmBackendLike;
  const out = be.makeOutput(s, x.dtype);
  const total = tf.util.sizeFromShape(s);
  if (total === 0) return out;
  const bytes = tf.util.bytesPerElement(x.dtype);
  const rank = x.shape.length;
  // run axis r: every axis after it is taken whole.
  let r = rank - 1;
  while (r > 0 && s[r] === x.shape[r] && b[r] === 0) r--;
  const strides = tf.util.computeStrides(x.shape); // elements; strides[rank-1] is implied 1
  const stride = (a: number) => (a === rank - 1 ? 1 : strides[a]);
  const run = s[r] * stride(r);
  // After makeOutput: a heap growth replaces HEAPU8.
  const heap = be.wasm.HEAPU8;
  const xBase = be.dataIdMap.get(x.dataId).memoryOffset;
  const oBase = be.dataIdMap.get(out.dataId).memoryOffset;
  const idx = new Array<number>(r).fill(0);
  let o = 0;
  for (;;) {
    let off = b[r] * stride(r);
    for (let a = 0; a < r; a++) off += (b[a] + idx[a]) * stride(a);
    heap.copyWithin(oBase + o * bytes, xBase + off * bytes, xBase + (off + run) * bytes);
    o += run;
    let a = r - 1;
    while (a >= 0) {
      idx[a]++;
      if (idx[a] < s[a]) break;
      idx[a] = 0;
      a--;
    }
    if (a < 0) break;
  }
  return out;
}

/** The patched kernel, to register in place of the stock wasm `Slice`. */
export function patchedSliceKernel(stock: tf.KernelConfig): tf.KernelConfig {
  stockSlice = stock.kernelFunc;
  return { kernelName: 'Slice', backendName: 'wasm', kernelFunc: sliceKernel as tf.KernelFunc };
}

export const isPatchedSlice = (k: tf.KernelConfig | undefined): boolean => k?.kernelFunc === (sliceKernel as tf.KernelFunc);
