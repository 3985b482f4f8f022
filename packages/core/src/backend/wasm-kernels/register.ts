import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { unsortedSegmentSumKernel } from './unsorted-segment-sum.js';

/** Kernels that tfjs-backend-wasm 4.22 lacks and that training needs, built from kernels it has. */
const MISSING_KERNELS: tf.KernelConfig[] = [conv2dBackpropFilterKernel, unsortedSegmentSumKernel];

/**
 * Registers the missing wasm kernels (idempotent: kernels already registered — by us or by a
 * later tfjs release — are left alone). Returns the names of every kernel this module supplies
 * on wasm, whether registered now or earlier.
 */
export function registerWasmKernels(): string[] {
  const patched: string[] = [];
  for (const k of MISSING_KERNELS) {
    const existing = tf.getKernel(k.kernelName, 'wasm');
    if (existing === undefined) {
      tf.registerKernel(k);
      patched.push(k.kernelName);
    } else if (existing.kernelFunc === k.kernelFunc) {
      patched.push(k.kernelName);
    }
  }
  return patched;
}

/** Which of this module's wasm kernels are registered right now (no side effects). */
export function patchedWasmKernels(): string[] {
  return MISSING_KERNELS.filter((k) => tf.getKernel(k.kernelName, 'wasm')?.kernelFunc === k.kernelFunc).map(
    (k) => k.kernelName,
  );
}
