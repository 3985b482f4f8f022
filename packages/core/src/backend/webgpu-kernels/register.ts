import * as tf from '@tensorflow/tfjs-core';
import { isPatchedAddN, patchedAddNKernel } from './add-n.js';
import { isPatchedCast, patchedCastKernel } from './cast.js';
import { type WebgpuUtilLike, setWebgpuUtil } from './flat-program.js';
import { isPatchedReverse, patchedReverseKernel } from './reverse.js';
import { isPatchedTranspose, patchedTransposeKernel } from './transpose.js';

/** Each replaced kernel: name, replacement builder, and how to recognise it. */
const PATCHES: [string, (stock: tf.KernelConfig) => tf.KernelConfig, (k: tf.KernelConfig | undefined) => boolean][] = [
  ['AddN', patchedAddNKernel, isPatchedAddN],
  ['Cast', patchedCastKernel, isPatchedCast],
  ['Reverse', patchedReverseKernel, isPatchedReverse],
  ['Transpose', patchedTransposeKernel, isPatchedTranspose],
];

/**
 * Replaces WebGPU kernels of tfjs-backend-webgpu 4.22 that give wrong results on inputs core,
 * rvq and train produce: `AddN` of more than 7 tensors (one storage buffer per input: fails
 * validation above the 8-buffer limit and reads as zeros; a gradient norm sums 200+), `Cast`
 * int32/bool → float32 (relabelled an int buffer, which later programs mis-read), `Transpose` of integer buffers (failed validation, zeros out), and `Reverse` above
 * rank 4 (dropped leading axes; the conv2d input gradient reverses a rank-5 view). Idempotent.
 * `webgpuUtil` is the backend package's `webgpu_util` export, passed in so that importing this
 * module does not load that package (it must load after `navigator.gpu` exists). Returns the
 * names of the kernels this module supplies on webgpu.
 */
export function registerWebgpuKernels(webgpuUtil: WebgpuUtilLike): string[] {
  setWebgpuUtil(webgpuUtil);
  for (const [name, patch, isPatched] of PATCHES) {
    const k = tf.getKernel(name, 'webgpu');
    if (k !== undefined && !isPatched(k)) {
      tf.unregisterKernel(name, 'webgpu');
      tf.registerKernel(patch(k));
    }
  }
  return patchedWebgpuKernels();
}

/** Which of this module's webgpu kernels are registered right now, sorted (no side effects). */
export function patchedWebgpuKernels(): string[] {
  return PATCHES.filter(([name, , isPatched]) => isPatched(tf.getKernel(name, 'webgpu'))).map(([name]) => name);
}
