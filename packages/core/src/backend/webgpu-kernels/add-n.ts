import * as tf from '@tensorflow/tfjs-core';

// The part of the WebGPU backend this kernel uses.
interface WebgpuBackendLike {
  disposeData(dataId: tf.DataId): boolean;
}

/**
 * Inputs per stock AddN program. tfjs-backend-webgpu 4.22 binds every AddN input as its own
 * storage buffer, and WebGPU's default limit is 8 storage buffers per shader stage (one is the
 * output): a larger AddN fails shader validation, tfjs only logs that, and the sum reads as zeros.
 */
export const ADDN_MAX_INPUTS = 7;

let stockAddN: tf.KernelFunc | null = null;

/**
 * `AddN` for WebGPU with any number of inputs: chunks of at most ADDN_MAX_INPUTS inputs, each
 * chunk after the first starting with the sum so far. AddN adds left to right, so the result has
 * the same bits as one sum of all inputs.
 */
function addNKernel({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const terms = inputs as unknown as tf.TensorInfo[];
  if (terms.length <= ADDN_MAX_INPUTS) return stockAddN!({ inputs, attrs, backend });
  const be = backend as unknown as WebgpuBackendLike;
  const add = (xs: tf.TensorInfo[]) => stockAddN!({ inputs: xs as unknown as tf.NamedTensorInfoMap, attrs, backend }) as tf.TensorInfo;
  let sum = add(terms.slice(0, ADDN_MAX_INPUTS));
  for (let i = ADDN_MAX_INPUTS; i < terms.length; i += ADDN_MAX_INPUTS - 1) {
    const next = add([sum, ...terms.slice(i, i + ADDN_MAX_INPUTS - 1)]);
    be.disposeData(sum.dataId);
    sum = next;
  }
  return sum;
}

/** The WebGPU `AddN` replaced by one that takes any number of inputs (stock kernel below). */
export function patchedAddNKernel(stock: tf.KernelConfig): tf.KernelConfig {
  stockAddN = stock.kernelFunc;
  return { ...stock, kernelFunc: addNKernel };
}

export function isPatchedAddN(k: tf.KernelConfig | undefined): boolean {
  return k?.kernelFunc === addNKernel;
}
