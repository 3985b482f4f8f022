import * as tf from '@tensorflow/tfjs-core';
import { loopKernelsActive, registerLoopKernel, runLoop } from '@vrvq/core';
import { WindowedRdft } from './rdft.js';

const RDFT_KERNEL = 'VrvqRdft';
const RDFT_ADJOINT_KERNEL = 'VrvqRdftAdjoint';
const plans = new Map<number, WindowedRdft>();
let registered = false;

function plan(win: number): WindowedRdft {
  let p = plans.get(win);
  if (p === undefined) {
    p = new WindowedRdft(win);
    plans.set(win, p);
  }
  return p;
}

function register(): void {
  if (registered) return;
  registerLoopKernel(RDFT_KERNEL, (kind) => ({ inputs, backend }) => {
    const x = inputs.x!;
    const [rows, win] = x.shape;
    const p = plan(win);
    return runLoop(kind, backend, [x], [[rows, 2 * p.bins]], ([xv], [out]) => p.forward(xv, rows, out))[0];
  });
  registerLoopKernel(RDFT_ADJOINT_KERNEL, (kind) => ({ inputs, backend, attrs }) => {
    const dy = inputs.dy!;
    const { win } = attrs as unknown as { win: number };
    const rows = dy.shape[0];
    return runLoop(kind, backend, [dy], [[rows, win]], ([dv], [out]) => plan(win).adjoint(dv, rows, out))[0];
  });
  registered = true;
}

const rdftOp = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const x = args[0] as tf.Tensor2D;
  const win = x.shape[1];
  return {
    value: tf.engine().runKernel(RDFT_KERNEL, { x }) as tf.Tensor2D, // [R, 2K]
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) =>
      tf.engine().runKernel(RDFT_ADJOINT_KERNEL, { dy: dy as tf.Tensor }, { win } as unknown as tf.NamedAttrMap) as tf.Tensor2D, // [R, win]
  };
}) as (x: tf.Tensor2D) => tf.Tensor2D;

/** Whether `rdftFrames` runs here: cpu/wasm (loop kernels) and a power-of-two window. */
export function rdftAvailable(win: number): boolean {
  return loopKernelsActive() && win >= 2 && (win & (win - 1)) === 0;
}

/**
 * Hann-windowed real DFT of frames by FFT, differentiable: frames [R, win] → [R, 2K] (real parts,
 * then imaginary parts; K = win/2 + 1), equal to frames · windowedDftBasis(win). The gradient is
 * the adjoint transform, also by FFT. Only where `rdftAvailable(win)`.
 */
export function rdftFrames(frames: tf.Tensor2D): tf.Tensor2D {
  register();
  return rdftOp(frames);
}
