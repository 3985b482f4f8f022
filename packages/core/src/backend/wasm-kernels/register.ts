import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputKernel } from './conv2d-backprop-input.js';
import { isPatchedSlice, patchedSliceKernel } from './slice.js';
import { unsortedSegmentSumKernel } from './unsorted-segment-sum.js';

/** Kernels that tfjs-backend-wasm 4.22 lacks and that training needs, built from kernels it has. */
const MISSING_KERNELS: tf.KernelConfig[] = [conv2dBackpropFilterKernel, unsortedSegmentSumKernel];

/**
 * Registers the missing wasm kernels and replaces two slow ones: `Slice` (copied its whole
 * input first) and `Conv2DBackpropInput` (a naive loop; now one native conv) (idempotent: kernels already registered — by us or by a later tfjs
 * release — are left alone). Returns the names of every kernel this module supplies on wasm,
 * whether registered now or earlier.
 */
export function registerWasmKernels(): string[] {
  for (const k of MISSING_KERNELS) {
    if (tf.getKernel(k.kernelName, 'wasm') === undefined) tf.registerKernel(k);
  }
  const slice = tf.getKernel('Slice', 'wasm');
  if (slice !== undefined && !isPatchedSlice(slice)) {
    tf.unregisterKernel('Slice', 'wasm');
    tf.registerKernel(patchedSliceKernel(slice));
  }
  const bpInput = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (bpInput?.kernelFunc !== conv2dBackpropInputKernel.kernelFunc) {
    if (bpInput !== undefined) tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel(conv2dBackpropInputKernel);
  }
  return patchedWasmKernels();
}

/** Which of this module's wasm kernels are registered right now, sorted (no side effects). */
export function patchedWasmKernels(): string[] {
  const names = MISSING_KERNELS.filter((k) => tf.getKernel(k.kernelName, 'wasm')?.kernelFunc === k.kernelFunc).map(
    (k) => k.kernelName,
  );
  if (isPatchedSlice(tf.getKernel('Slice', 'wasm'))) names.push('Slice');
  if (tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc === conv2dBackpropInputKernel.kernelFunc) {
    names.push('Conv2DBackpropInput');
  }
  return names.sort();
}
