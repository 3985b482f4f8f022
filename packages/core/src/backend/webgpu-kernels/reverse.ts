import * as tf from '@tensorflow/tfjs-core';

// The part of the WebGPU backend this kernel uses.
interface WebgpuBackendLike {
  disposeData(dataId: tf.DataId): boolean;
}

let stockReverse: tf.KernelFunc | null = null;

/**
 * `Reverse` for WebGPU at any rank. The stock kernel pads the shape to rank 4 and silently
 * drops leading axes of higher ranks (a rank-5 input fails to reshape or is reversed wrongly).
 * Above rank 4, each reversed axis a is reversed in turn as the middle axis of the rank-3 view
 * [∏ shape[<a], shape[a], ∏ shape[>a]] by the stock kernel.
 */
function reverseKernel({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const x = inputs.x!;
  const shape = x.shape;
  if (shape.length <= 4) return stockReverse!({ inputs, attrs, backend });
  const reshapeFn = tf.getKernel('Reshape', 'webgpu')!.kernelFunc;
  const be = backend as unknown as WebgpuBackendLike;
  const reshape = (t: tf.TensorInfo, s: number[]) => reshapeFn({ inputs: { x: t }, backend, attrs: { shape: s } }) as tf.TensorInfo;
  const { dims } = attrs as unknown as { dims: number | number[] };
  const axes = [...new Set(tf.util.parseAxisParam(dims, shape))];
  let cur = reshape(x, shape); // a new reference to x, disposed like every intermediate
  for (const a of axes) {
    const view = [tf.util.sizeFromShape(shape.slice(0, a)), shape[a], tf.util.sizeFromShape(shape.slice(a + 1))];
    const v = reshape(cur, view); // [outer, n, inner]
    const r = stockReverse!({ inputs: { x: v }, backend, attrs: { dims: [1] } }) as tf.TensorInfo; // [outer, n, inner]
    const next = reshape(r, shape);
    for (const t of [cur, v, r]) be.disposeData(t.dataId);
    cur = next;
  }
  return cur;
}

/** The WebGPU `Reverse` replaced by one that handles ranks above 4 (stock kernel below). */
export function patchedReverseKernel(stock: tf.KernelConfig): tf.KernelConfig {
  stockReverse = stock.kernelFunc;
  return { ...stock, kernelFunc: reverseKernel };
}

export function isPatchedReverse(k: tf.KernelConfig | undefined): boolean {
  return k?.kernelFunc === reverseKernel;
}
