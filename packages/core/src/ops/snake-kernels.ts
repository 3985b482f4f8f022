import type * as tf from '@tensorflow/tfjs-core';
import { registerLoopKernel, runLoop } from './loop-kernels.js';
import { snakeBackward, snakeForward } from './snake-math.js';
import { snakeBackwardSimd, snakeForwardSimd } from './snake-simd.js';
import { simdKernels } from './wasm/simd-kernels.js';

export const SNAKE_KERNEL = 'VrvqSnake';
export const SNAKE_GRAD_KERNEL = 'VrvqSnakeGrad';

let registered = false;

/**
 * Registers the Snake loop kernels for cpu and wasm (once; harmless before those backends exist):
 * VrvqSnake {x [..., C], alpha [C values]} → y; VrvqSnakeGrad {dy, x, alpha} → [dx, dα [C]].
 * On wasm they run as SIMD wasm on the heap where the engine allows it, else as JS loops.
 */
export function registerSnakeKernels(): void {
  if (registered) return;
  registerLoopKernel(SNAKE_KERNEL, (kind) => ({ inputs, backend }) => {
    const x = inputs.x!;
    const simd = kind === 'wasm' ? simdKernels(backend) : null;
    if (simd) return snakeForwardSimd(simd, x, inputs.alpha!);
    const c = x.shape[x.shape.length - 1];
    return runLoop(kind, backend, [x, inputs.alpha!], [x.shape], ([xv, av], [out]) => snakeForward(xv, av, out, c))[0];
  });
  registerLoopKernel(SNAKE_GRAD_KERNEL, (kind) => ({ inputs, backend }) => {
    const { dy, x, alpha } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo; alpha: tf.TensorInfo };
    const simd = kind === 'wasm' ? simdKernels(backend) : null;
    if (simd) return snakeBackwardSimd(simd, dy, x, alpha);
    const c = x.shape[x.shape.length - 1];
    return runLoop(kind, backend, [dy, x, alpha], [x.shape, [c]], ([dyv, xv, av], [dx, da]) => {
      const acc = new Float64Array(c);
      snakeBackward(dyv, xv, av, dx, acc, c);
      da.set(acc);
    });
  });
  registered = true;
}
